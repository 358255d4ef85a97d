import { CHANNELS, POOLS, type Channel, type Moves, type Pool, type PoolAmounts, type Pools, type Split } from "./model";

/**
 * Balance arithmetic, free of storage. Every operation is planned here as Moves (balance and
 * reservation deltas per pool) against the current Pools, and refused with a Shortfall when it
 * would overdraw; the Wallet DO writes the plan and its entry in one transaction.
 *
 * Rules: spend on a channel draws from that channel's budget, then the general balance. A hold
 * reserves the same way and a capture spends what it reserved first. Nothing takes from a
 * pool's reserved part except the capture of its own hold, so no pool ever goes negative.
 */
export interface Shortfall {
  shortfall: number;
  spendable: number;
}

export const isShortfall = <T extends object>(plan: T | Shortfall): plan is Shortfall => "shortfall" in plan;

/** Balance minus reservations: what can still be spent from the pool. */
export function freeIn(pools: Pools, pool: Pool): number {
  return (pools[pool]?.balance ?? 0) - (pools[pool]?.reserved ?? 0);
}

export function totals(pools: Pools): { balance: number; reserved: number; available: number } {
  let balance = 0;
  let reserved = 0;
  for (const pool of POOLS) {
    balance += pools[pool]?.balance ?? 0;
    reserved += pools[pool]?.reserved ?? 0;
  }
  return { balance, reserved, available: balance - reserved };
}

/** What a channel can spend right now: its free budget plus the free general balance. */
export function spendableFor(pools: Pools, channel: Channel): number {
  return freeIn(pools, channel) + freeIn(pools, "general");
}

export function sumAmounts(amounts: PoolAmounts): number {
  return Object.values(amounts).reduce((sum, value) => sum + (value ?? 0), 0);
}

export function applyMoves(pools: Pools, moves: Moves): Pools {
  const next: Pools = {};
  for (const pool of POOLS) {
    const balance = (pools[pool]?.balance ?? 0) + (moves.allocation[pool] ?? 0);
    const reserved = (pools[pool]?.reserved ?? 0) + (moves.reservation[pool] ?? 0);
    if (balance || reserved) next[pool] = { balance, reserved };
  }
  return next;
}

/** Incoming credits: into the budgets by `split` (whole credits, rounding down), the rest general. */
export function planCredit(credits: number, split: Split | null): Moves {
  const allocation: PoolAmounts = {};
  let left = credits;
  for (const channel of CHANNELS) {
    const share = split ? Math.floor((credits * (split[channel] ?? 0)) / 100) : 0;
    if (share > 0) {
      allocation[channel] = share;
      left -= share;
    }
  }
  if (left > 0) allocation.general = left;
  return { allocation, reservation: {} };
}

/** Takes `credits` from the channel's free budget, then the free general balance. */
function drawFor(pools: Pools, channel: Channel, credits: number): PoolAmounts | Shortfall {
  const spendable = spendableFor(pools, channel);
  if (credits > spendable) return { shortfall: credits - spendable, spendable };
  const fromBudget = Math.min(Math.max(freeIn(pools, channel), 0), credits);
  const drawn: PoolAmounts = {};
  if (fromBudget) drawn[channel] = fromBudget;
  if (credits - fromBudget) drawn.general = credits - fromBudget;
  return drawn;
}

const negate = (amounts: PoolAmounts): PoolAmounts =>
  Object.fromEntries(Object.entries(amounts).map(([pool, value]) => [pool, -(value ?? 0)]));

export function planDebit(pools: Pools, channel: Channel, credits: number): Moves | Shortfall {
  const drawn = drawFor(pools, channel, credits);
  return isShortfall(drawn) ? drawn : { allocation: negate(drawn), reservation: {} };
}

/** Reserves without spending; the reservation is stored with the hold for its capture. */
export function planHold(pools: Pools, channel: Channel, credits: number): Moves | Shortfall {
  const drawn = drawFor(pools, channel, credits);
  return isShortfall(drawn) ? drawn : { allocation: {}, reservation: drawn };
}

/**
 * Capture the actual cost of a hold, then release the rest: two entries. The capture
 * un-reserves as much of the hold as it spends (budget part first) and spends from the freed
 * credits; a cost above the hold also needs that much more free balance.
 */
export function planCapture(
  pools: Pools,
  held: PoolAmounts,
  channel: Channel,
  cost: number,
): { capture: Moves; release: Moves } | Shortfall {
  const consumed: PoolAmounts = {};
  let left = cost;
  for (const pool of [channel, "general"] as const) {
    const take = Math.min(held[pool] ?? 0, left);
    if (take) consumed[pool] = take;
    left -= take;
  }
  const unreserved = applyMoves(pools, { allocation: {}, reservation: negate(consumed) });
  const spend = planDebit(unreserved, channel, cost);
  if (isShortfall(spend)) return spend;
  const rest: PoolAmounts = {};
  for (const pool of [channel, "general"] as const) {
    const remaining = (held[pool] ?? 0) - (consumed[pool] ?? 0);
    if (remaining) rest[pool] = -remaining;
  }
  return { capture: { allocation: spend.allocation, reservation: negate(consumed) }, release: { allocation: {}, reservation: rest } };
}

export function planRelease(held: PoolAmounts): Moves {
  return { allocation: {}, reservation: negate(held) };
}

/** Free credits, general first, then each budget in channel order, up to `credits`. */
function takeFree(pools: Pools, credits: number): { taken: PoolAmounts; total: number } {
  const taken: PoolAmounts = {};
  let left = credits;
  for (const pool of POOLS) {
    const take = Math.min(Math.max(freeIn(pools, pool), 0), left);
    if (take) taken[pool] = -take;
    left -= take;
  }
  return { taken, total: credits - left };
}

/**
 * A refund takes back what is still free, never more: credits already spent cannot be
 * un-spent, and the balance never goes negative. The uncovered part is reported.
 */
export function planRefund(pools: Pools, credits: number): { moves: Moves; covered: number; uncovered: number } {
  const { taken, total } = takeFree(pools, credits);
  return { moves: { allocation: taken, reservation: {} }, covered: total, uncovered: credits - total };
}

/** A signed correction: positive goes to the general balance, negative must be fully covered. */
export function planAdjustment(pools: Pools, credits: number): Moves | Shortfall {
  if (credits >= 0) return { allocation: credits ? { general: credits } : {}, reservation: {} };
  const { taken, total } = takeFree(pools, -credits);
  if (total < -credits) return { shortfall: -credits - total, spendable: total };
  return { allocation: taken, reservation: {} };
}

/**
 * Turning auto-spend on splits the free general balance into budgets; turning it off folds the
 * free budgets back into general. The balance is unchanged (a zero-credit adjustment).
 */
export function planReallocation(pools: Pools, split: Split | null): Moves {
  if (split) {
    const free = Math.max(freeIn(pools, "general"), 0);
    if (!free) return { allocation: {}, reservation: {} };
    const { allocation } = planCredit(free, split);
    return { allocation: { ...allocation, general: (allocation.general ?? 0) - free }, reservation: {} };
  }
  const allocation: PoolAmounts = {};
  let folded = 0;
  for (const channel of CHANNELS) {
    const free = Math.max(freeIn(pools, channel), 0);
    if (free) {
      allocation[channel] = -free;
      folded += free;
    }
  }
  if (folded) allocation.general = folded;
  return { allocation, reservation: {} };
}

/** Drops zero entries so stored moves stay small. */
export function compact(amounts: PoolAmounts): PoolAmounts {
  return Object.fromEntries(Object.entries(amounts).filter(([, value]) => value));
}

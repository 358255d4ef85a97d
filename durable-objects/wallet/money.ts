import type { AutoRecharge, AutoSpend, Channel, EntryType } from "../../workers/wallet/model";
import {
  applyMoves,
  isShortfall,
  planAdjustment,
  planCapture,
  planCredit,
  planDebit,
  planHold,
  planReallocation,
  planRefund,
  planRelease,
  totals,
  type Shortfall,
} from "../../workers/wallet/pools";
import { shouldRecharge } from "../../workers/wallet/recharge";
import { accepted, refusedConflict, refusedNotFound, type Outcome, type Refusal } from "../../workers/wallet/outcome";
import type { EntryData, EntryView, HoldView } from "../../workers/wallet/views";
import { newId } from "../../workers/lib/ids";
import type { AccountState, LedgerStore, NewEntry, StoredEntry } from "./ledger-store";

const DEFAULT_HOLD_TTL_MS = 30 * 60_000;

export interface CreditInput {
  key: string;
  type: Extract<EntryType, "purchase" | "auto_recharge" | "reward" | "adjustment">;
  credits: number;
  reference?: string | null;
  actorId?: string | null;
  data?: EntryData;
}

export interface SpendInput {
  key: string;
  channel: Channel;
  credits: number;
  quantity?: number | null;
  reference?: string | null;
  actorId?: string | null;
}

export interface CaptureResult {
  capture: EntryView;
  release: EntryView | null;
}

const view = ({ tenantId, fingerprint, ...entry }: StoredEntry): EntryView => entry;
const holdView = ({ tenantId, reservation, ...hold }: NonNullable<ReturnType<LedgerStore["hold"]>>): HoldView => hold;

function insufficient(plan: Shortfall, what: string): Refusal {
  return {
    ok: false,
    code: "insufficient_credits",
    detail: `Not enough credits: ${what} needs ${plan.spendable + plan.shortfall} and ${plan.spendable} can be spent. Buy credits or turn on auto-recharge.`,
    ...plan,
  };
}

/**
 * The money operations of one Wallet DO. Each is synchronous from check to write (one
 * transactionSync), so concurrent calls are serialized by the object itself: no overdraw,
 * no lost update. A key that was used before returns its first result.
 */
export class MoneyBook {
  constructor(
    private readonly store: LedgerStore,
    private readonly storage: DurableObjectStorage,
  ) {}

  account(tenantId: string): AccountState {
    return this.store.account(tenantId);
  }

  credit(tenantId: string, input: CreditInput, now: number): Outcome<EntryView> {
    const fingerprint = `${input.type}:${input.credits}`;
    const earlier = this.replay(tenantId, input.key, fingerprint);
    if (earlier) return earlier;
    const state = this.store.account(tenantId);
    // Only bought credits are split into budgets; rewards and corrections stay general.
    const bought = input.type === "purchase" || input.type === "auto_recharge";
    const moves = planCredit(input.credits, bought && state.autoSpend.enabled ? state.autoSpend.split : null);
    return accepted(
      view(
        this.commit(
          tenantId,
          state,
          [{ id: input.key, type: input.type, moves, fingerprint, reference: input.reference, actorId: input.actorId, data: input.data }],
          now,
        )[0]!,
      ),
    );
  }

  debit(tenantId: string, input: SpendInput, now: number): Outcome<EntryView> {
    const fingerprint = `debit:${input.channel}:${input.credits}:${input.quantity ?? ""}`;
    const earlier = this.replay(tenantId, input.key, fingerprint);
    if (earlier) return earlier;
    const state = this.store.account(tenantId);
    const moves = planDebit(state.pools, input.channel, input.credits);
    if (isShortfall(moves)) return insufficient(moves, `this ${input.channel} charge`);
    return accepted(
      view(
        this.commit(
          tenantId,
          state,
          [
            {
              id: input.key,
              type: "debit",
              moves,
              fingerprint,
              channel: input.channel,
              quantity: input.quantity,
              reference: input.reference,
              actorId: input.actorId,
            },
          ],
          now,
        )[0]!,
      ),
    );
  }

  hold(tenantId: string, input: SpendInput & { ttlMs?: number }, now: number): Outcome<{ hold: HoldView; entry: EntryView }> {
    const fingerprint = `hold:${input.channel}:${input.credits}:${input.quantity ?? ""}`;
    const earlier = this.replay(tenantId, input.key, fingerprint);
    if (earlier)
      return earlier.ok
        ? accepted({ hold: holdView(this.store.hold(tenantId, earlier.value.holdId!)!), entry: earlier.value }, true)
        : earlier;
    const state = this.store.account(tenantId);
    const moves = planHold(state.pools, input.channel, input.credits);
    if (isShortfall(moves)) return insufficient(moves, `holding for this ${input.channel} action`);
    const hold = {
      id: newId("hold", now),
      tenantId,
      channel: input.channel,
      credits: input.credits,
      quantity: input.quantity ?? null,
      reservation: moves.reservation,
      status: "open" as const,
      expiresAt: now + (input.ttlMs ?? DEFAULT_HOLD_TTL_MS),
      reference: input.reference ?? null,
    };
    const [entry] = this.commit(
      tenantId,
      state,
      [
        {
          id: input.key,
          type: "hold",
          moves,
          fingerprint,
          channel: input.channel,
          quantity: input.quantity,
          reference: input.reference,
          actorId: input.actorId,
          holdId: hold.id,
          data: { expiresAt: hold.expiresAt },
        },
      ],
      now,
      () => this.store.insertHold(hold),
    );
    return accepted({ hold: holdView(hold), entry: view(entry!) });
  }

  /** Spends the actual cost of an open hold and releases the rest (two entries). */
  capture(
    tenantId: string,
    holdId: string,
    input: { credits: number; quantity?: number | null; actorId?: string | null },
    now: number,
  ): Outcome<CaptureResult> {
    const hold = this.store.hold(tenantId, holdId);
    if (!hold) return refusedNotFound("Hold");
    const key = `capture:${holdId}`;
    const fingerprint = `capture:${input.credits}`;
    const earlier = this.replay(tenantId, key, fingerprint);
    if (earlier) return earlier.ok ? accepted(this.captureResult(holdId), true) : earlier;
    if (hold.status !== "open") return refusedConflict(`This hold was ${hold.status} and can no longer be captured.`);
    const state = this.store.account(tenantId);
    const plan = planCapture(state.pools, hold.reservation, hold.channel, input.credits);
    if (isShortfall(plan)) return insufficient(plan, `capturing more than was held`);
    const entries: NewEntry[] = [
      {
        id: key,
        type: "capture",
        moves: plan.capture,
        fingerprint,
        channel: hold.channel,
        quantity: input.quantity,
        reference: hold.reference,
        actorId: input.actorId,
        holdId,
        data: { held: hold.credits },
      },
    ];
    const rest = hold.credits - input.credits;
    if (rest > 0)
      entries.push({
        id: `release:${holdId}`,
        type: "release",
        moves: plan.release,
        fingerprint: "release",
        channel: hold.channel,
        reference: hold.reference,
        actorId: input.actorId,
        holdId,
        data: { released: rest },
      });
    const [capture, release] = this.commit(tenantId, state, entries, now, () => this.store.setHoldStatus(holdId, "captured"));
    return accepted({ capture: view(capture!), release: release ? view(release) : null });
  }

  /** Gives the whole hold back: cancelled by its owner, or expired (the alarm). */
  release(tenantId: string, holdId: string, input: { actorId?: string | null; expired?: boolean }, now: number): Outcome<EntryView> {
    const hold = this.store.hold(tenantId, holdId);
    if (!hold) return refusedNotFound("Hold");
    const key = `release:${holdId}`;
    if (hold.status === "released" || hold.status === "expired") return accepted(view(this.store.entry(key)!), true);
    if (hold.status === "captured") return refusedConflict("This hold was captured; its unused part was already released.");
    const state = this.store.account(tenantId);
    const [entry] = this.commit(
      tenantId,
      state,
      [
        {
          id: key,
          type: "release",
          moves: planRelease(hold.reservation),
          fingerprint: "release",
          channel: hold.channel,
          reference: hold.reference,
          actorId: input.actorId,
          holdId,
          data: { released: hold.credits, ...(input.expired ? { expired: true } : {}) },
        },
      ],
      now,
      () => this.store.setHoldStatus(holdId, input.expired ? "expired" : "released"),
    );
    return accepted(view(entry!));
  }

  /**
   * A (partial) refund of a payment, given as the cumulative credits refunded so far: only the
   * increase is taken back, so repeated and out-of-order events add nothing.
   */
  refund(tenantId: string, input: { reference: string; cumulative: number; data?: EntryData }, now: number): Outcome<EntryView | null> {
    const delta = input.cumulative - this.store.refundedSoFar(tenantId, input.reference);
    if (delta <= 0) return accepted(null, true);
    const state = this.store.account(tenantId);
    const plan = planRefund(state.pools, delta);
    const data = { ...input.data, cumulative: input.cumulative, requested: delta, uncovered: plan.uncovered };
    const [entry] = this.commit(
      tenantId,
      state,
      [
        {
          id: `refund:${input.reference}:${input.cumulative}`,
          type: "refund",
          moves: plan.moves,
          fingerprint: "refund",
          reference: input.reference,
          data,
        },
      ],
      now,
    );
    return accepted(view(entry!));
  }

  /** A signed correction with its reason; a negative one never overdraws. */
  adjust(
    tenantId: string,
    input: { key: string; credits: number; reason: string; actorId: string | null },
    now: number,
  ): Outcome<EntryView> {
    const fingerprint = `adjustment:${input.credits}`;
    const earlier = this.replay(tenantId, input.key, fingerprint);
    if (earlier) return earlier;
    const state = this.store.account(tenantId);
    const moves = planAdjustment(state.pools, input.credits);
    if (isShortfall(moves)) return insufficient(moves, "this correction");
    return accepted(
      view(
        this.commit(
          tenantId,
          state,
          [{ id: input.key, type: "adjustment", moves, fingerprint, actorId: input.actorId, data: { reason: input.reason } }],
          now,
        )[0]!,
      ),
    );
  }

  /**
   * New auto-spend or auto-recharge settings. Switching auto-spend on or off moves the free
   * credits between general and the budgets (a zero-credit adjustment entry records it).
   */
  configure(
    tenantId: string,
    input: { autoSpend?: AutoSpend; autoRecharge?: AutoRecharge; actorId: string },
    now: number,
  ): EntryView | null {
    const state = this.store.account(tenantId);
    const next: AccountState = {
      ...state,
      autoSpend: input.autoSpend ?? state.autoSpend,
      autoRecharge: input.autoRecharge ?? state.autoRecharge,
      // New recharge settings are the owner's answer to a failed charge: try again.
      recharge: input.autoRecharge ? { ...state.recharge, lastFailure: null } : state.recharge,
    };
    const toggled = input.autoSpend && input.autoSpend.enabled !== state.autoSpend.enabled;
    const moves = toggled ? planReallocation(state.pools, input.autoSpend!.enabled ? input.autoSpend!.split : null) : null;
    const entries: NewEntry[] =
      moves && Object.keys(moves.allocation).length
        ? [
            {
              id: newId("realloc", now),
              type: "adjustment",
              moves,
              fingerprint: "reallocation",
              actorId: input.actorId,
              data: {
                reason: input.autoSpend!.enabled
                  ? "auto-spend on: free credits split into budgets"
                  : "auto-spend off: free budgets back to general",
              },
            },
          ]
        : [];
    const written = this.commit(tenantId, next, entries, now);
    return written[0] ? view(written[0]) : null;
  }

  /** Starts an auto-recharge when one is due and none is in flight; returns its key. */
  startRecharge(tenantId: string, now: number): string | null {
    const state = this.store.account(tenantId);
    if (!shouldRecharge(state.autoRecharge, state.recharge, totals(state.pools).available, now)) return null;
    const key = newId("rch", now);
    this.store.saveAccount(tenantId, { ...state, recharge: { ...state.recharge, pending: { key, since: now } } }, now);
    return key;
  }

  /** The outcome of a recharge attempt: credit it once, or remember the failure. */
  settleRecharge(
    tenantId: string,
    key: string,
    result: { ok: true; credits: number; reference: string } | { ok: false; message: string },
    now: number,
  ): Outcome<EntryView | null> {
    const state = this.store.account(tenantId);
    const recharge = { ...state.recharge, pending: state.recharge.pending?.key === key ? null : state.recharge.pending };
    if (!result.ok) {
      this.store.saveAccount(tenantId, { ...state, recharge: { ...recharge, lastFailure: { at: now, message: result.message } } }, now);
      return accepted(null);
    }
    this.store.saveAccount(
      tenantId,
      { ...state, recharge: { ...recharge, lastFailure: null, lastSuccess: { at: now, credits: result.credits } } },
      now,
    );
    return this.credit(
      tenantId,
      { key: `auto_recharge:${key}`, type: "auto_recharge", credits: result.credits, reference: result.reference },
      now,
    );
  }

  private captureResult(holdId: string): CaptureResult {
    const release = this.store.entry(`release:${holdId}`);
    return { capture: view(this.store.entry(`capture:${holdId}`)!), release: release ? view(release) : null };
  }

  /** A key seen before: its first result, or a conflict when it was used for something else. */
  private replay(tenantId: string, key: string, fingerprint: string): Outcome<EntryView> | null {
    const existing = this.store.entry(key);
    if (!existing) return null;
    if (existing.tenantId !== tenantId || existing.fingerprint !== fingerprint)
      return refusedConflict(`The idempotency key “${key}” was already used for a different request.`);
    return accepted(view(existing), true);
  }

  private commit(tenantId: string, state: AccountState, entries: NewEntry[], now: number, alsoWrite?: () => void): StoredEntry[] {
    return this.storage.transactionSync(() => {
      let pools = state.pools;
      const written = entries.map((entry) => {
        pools = applyMoves(pools, entry.moves);
        return this.store.append(tenantId, entry, totals(pools).balance, now);
      });
      alsoWrite?.();
      this.store.saveAccount(tenantId, { ...state, pools }, now);
      return written;
    });
  }
}

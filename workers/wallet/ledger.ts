import type { Env } from "../env";
import type { Channel } from "./model";
import type { CreditInput } from "../../durable-objects/wallet/money";
import { billingWallet, pinWallet } from "./owner";
import { pricesFor } from "./prices";
import { quote } from "./pricing";
import { refusedNotFound } from "./outcome";
import { userWallet } from "../../durable-objects/stubs";

/**
 * The wallet as other capabilities use it. Paid actions name a channel and a quantity in its
 * unit (minutes, segments, messages, properties); the workspace's price turns that into
 * credits. Every call carries an idempotency key: a retry returns the first result.
 *
 * One-shot actions debit. Actions whose cost is known only afterwards (a call, a scan) hold an
 * estimate, then capture the actual quantity (the rest is released) or release it all; an
 * abandoned hold expires and is released by the wallet itself.
 */
export interface PaidAction {
  channel: Channel;
  quantity: number;
  key: string;
  reference?: string | null;
  actorId?: string | null;
}

/** Credits paid for (or granted) make the wallet funded, so paid actions are charged from then on; quest rewards do not. */
export async function creditWallet(env: Env, tenantId: string, input: CreditInput) {
  const owner = await pinWallet(env, tenantId, { funded: input.type !== "reward" });
  return userWallet(env, owner.userId).credit(tenantId, input);
}

export async function debitWallet(env: Env, tenantId: string, action: PaidAction) {
  const [wallet, prices] = await Promise.all([billingWallet(env, tenantId), pricesFor(env, tenantId)]);
  return wallet.debit(tenantId, { ...action, credits: quote(prices, action.channel, action.quantity) });
}

export async function holdCredits(env: Env, tenantId: string, action: PaidAction & { ttlSeconds?: number }) {
  const [wallet, prices] = await Promise.all([billingWallet(env, tenantId), pricesFor(env, tenantId)]);
  const { ttlSeconds, ...rest } = action;
  return wallet.hold(tenantId, {
    ...rest,
    credits: quote(prices, action.channel, action.quantity),
    ttlMs: ttlSeconds ? ttlSeconds * 1000 : undefined,
  });
}

/** Captures the actual quantity of an open hold, priced at the workspace's current price. */
export async function captureHold(env: Env, tenantId: string, holdId: string, input: { quantity: number; actorId?: string | null }) {
  const wallet = await billingWallet(env, tenantId);
  const hold = await wallet.getHold(tenantId, holdId);
  if (!hold) return refusedNotFound("Hold");
  const prices = await pricesFor(env, tenantId);
  return wallet.capture(tenantId, holdId, {
    credits: quote(prices, hold.channel, input.quantity),
    quantity: input.quantity,
    actorId: input.actorId,
  });
}

export async function releaseHold(env: Env, tenantId: string, holdId: string, actorId: string | null = null) {
  return (await billingWallet(env, tenantId)).release(tenantId, holdId, actorId);
}

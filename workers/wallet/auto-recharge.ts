import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { Problem } from "../http/problem";
import { paymentsProvider, type OffSessionResult } from "../providers/payments";
import { recordPayment } from "./fulfilment";
import { notifyWalletOwner } from "./notices";
import { billingWallet } from "./owner";
import { CURRENCY, priceInCents } from "./packs";

/**
 * The queue's `wallet.recharge`: the Wallet DO started an attempt (one at a time) because the
 * balance fell below the owner's threshold. Charges the saved card off-session with the
 * attempt key as Stripe's idempotency key, so a retried message never charges twice.
 */
export async function runRecharge(env: Env, tenantId: string, attemptKey: string): Promise<void> {
  const wallet = await billingWallet(env, tenantId);
  const account = await wallet.account(tenantId);
  if (account.recharge.pending?.key !== attemptKey) return; // already settled (a webhook was faster) or superseded
  const credits = account.autoRecharge.credits;
  const amountCents = priceInCents(credits);
  const fail = (message: string) =>
    settleRecharge(env, tenantId, attemptKey, credits, amountCents, { status: "failed", paymentIntentId: null, message });
  let provider: ReturnType<typeof paymentsProvider>;
  try {
    provider = paymentsProvider(env);
  } catch (err) {
    if (err instanceof Problem) return fail(err.detail ?? err.title);
    throw err;
  }
  const saved = await database(env.DB).query.wallets.findFirst({ where: eq(tables.wallets.tenantId, tenantId) });
  if (provider.name === "stripe" && (!saved?.stripeCustomerId || !saved.paymentMethodId))
    return fail("No saved card: buy credits once with a card to turn on auto-recharge.");
  const result = await provider.chargeOffSession({
    customerId: saved?.stripeCustomerId ?? "",
    paymentMethodId: saved?.paymentMethodId ?? "",
    tenantId,
    credits,
    amountCents,
    attemptKey,
  });
  await settleRecharge(env, tenantId, attemptKey, credits, amountCents, result);
}

/** Credits a successful recharge once, or records the failure and tells the owner. Also reached from Stripe's webhook. */
export async function settleRecharge(
  env: Env,
  tenantId: string,
  attemptKey: string,
  credits: number,
  amountCents: number,
  result: OffSessionResult,
): Promise<void> {
  const wallet = await billingWallet(env, tenantId);
  if (result.status === "succeeded") {
    await recordPayment(env, {
      tenantId,
      paymentIntentId: result.paymentIntentId,
      kind: "auto_recharge",
      credits,
      amountCents,
      currency: CURRENCY,
      status: "paid",
    });
    await wallet.settleRecharge(tenantId, attemptKey, { ok: true, credits, reference: result.paymentIntentId });
    return;
  }
  if (result.paymentIntentId)
    await recordPayment(env, {
      tenantId,
      paymentIntentId: result.paymentIntentId,
      kind: "auto_recharge",
      credits,
      amountCents,
      currency: CURRENCY,
      status: "failed",
    });
  await wallet.settleRecharge(tenantId, attemptKey, { ok: false, message: result.message });
  await notifyWalletOwner(env, tenantId, {
    key: `recharge-failed:${attemptKey}`,
    subject: "Homeline auto-recharge failed",
    body: `We tried to add ${credits.toLocaleString("en-US")} credits ($${(amountCents / 100).toFixed(2)}) to your Homeline wallet and the payment failed:\n\n${result.message}\n\nPaid channels stop when the balance runs out. Buy credits or update auto-recharge in the wallet to try again.\n`,
  });
}

import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { log } from "../http/log";
import { requeuePending, STUCK_AFTER_MS } from "../queue/pending-work";
import { paymentsProvider } from "../providers/payments";
import { fulfilCheckout, recordPayment, type PaidCheckout } from "./fulfilment";
import { settleRecharge } from "./auto-recharge";
import { billingWallet } from "./owner";
import { unwrap } from "./outcome";

const { stripeEvents, stripePayments } = tables;

/** Thrown when an event depends on one not processed yet (a refund before its payment): the queue retries it later. */
export class NotYetApplicable extends Error {}

/**
 * Applies one stored Stripe event (the queue's `stripe.event`). Stripe delivers at least once
 * and in any order: the event id was deduplicated on receipt, purchases are keyed by session,
 * refunds by cumulative amount, recharges by attempt, so applying anything twice adds nothing.
 */
export async function processStripeEvent(env: Env, eventId: string): Promise<void> {
  const db = database(env.DB);
  const row = await db.query.stripeEvents.findFirst({ where: eq(stripeEvents.id, eventId) });
  if (!row || row.processedAt) return;
  try {
    await apply(env, JSON.parse(row.payload) as Stripe.Event);
  } catch (err) {
    await db
      .update(stripeEvents)
      .set({ lastError: err instanceof Error ? err.message : String(err) })
      .where(eq(stripeEvents.id, eventId));
    throw err;
  }
  await db.update(stripeEvents).set({ processedAt: Date.now(), lastError: null }).where(eq(stripeEvents.id, eventId));
}

async function apply(env: Env, event: Stripe.Event): Promise<void> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const paid = paidCheckout(event.data.object);
      if (!paid) return;
      // Completed with a delayed method (bank debit): the money arrives with async_payment_succeeded.
      if (event.data.object.payment_status === "unpaid") return recordPayment(env, { ...paid, kind: "checkout", status: "pending" });
      await fulfilCheckout(env, paymentsProvider(env), paid);
      return;
    }
    case "checkout.session.async_payment_failed": {
      const paid = paidCheckout(event.data.object);
      if (paid) await recordPayment(env, { ...paid, kind: "checkout", status: "failed" });
      return;
    }
    case "charge.refunded":
      return refund(env, event.data.object);
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed": {
      const intent = event.data.object;
      if (intent.metadata?.kind !== "auto_recharge") return;
      const { tenantId, attemptKey, credits } = intent.metadata as Record<string, string>;
      const outcome =
        event.type === "payment_intent.succeeded"
          ? { status: "succeeded" as const, paymentIntentId: intent.id }
          : {
              status: "failed" as const,
              paymentIntentId: intent.id,
              message: intent.last_payment_error?.message ?? "The card was declined.",
            };
      return settleRecharge(env, tenantId!, attemptKey!, Number(credits), intent.amount, outcome);
    }
    default:
      log("info", "stripe event ignored", { eventId: event.id, type: event.type });
  }
}

/** The checkout fields we need, from our own metadata (set when the session was created). */
function paidCheckout(session: Stripe.Checkout.Session): PaidCheckout | null {
  const meta = session.metadata ?? {};
  const paymentIntentId = typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id;
  if (meta.kind !== "credits" || !meta.tenantId || !paymentIntentId) return null;
  return {
    tenantId: meta.tenantId,
    userId: meta.userId ?? null,
    sessionId: session.id,
    paymentIntentId,
    credits: Number(meta.credits),
    amountCents: session.amount_total ?? 0,
    currency: session.currency ?? "usd",
  };
}

/**
 * A (partial) refund takes back credits in proportion to the money refunded. The event carries
 * the cumulative refunded amount, so only the increase since the last refund applies.
 */
async function refund(env: Env, charge: Stripe.Charge): Promise<void> {
  if (charge.metadata?.kind && charge.metadata.kind !== "credits" && charge.metadata.kind !== "auto_recharge") return;
  const paymentIntentId = typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
  if (!paymentIntentId) return;
  const payment = await database(env.DB).query.stripePayments.findFirst({ where: eq(stripePayments.paymentIntentId, paymentIntentId) });
  if (payment?.status !== "paid") throw new NotYetApplicable(`Payment ${paymentIntentId} is not fulfilled yet; the refund waits for it.`);
  const cumulative = Math.round((payment.credits * charge.amount_refunded) / Math.max(payment.amountCents, 1));
  const wallet = await billingWallet(env, payment.tenantId);
  unwrap(
    await wallet.refund(payment.tenantId, {
      reference: paymentIntentId,
      cumulative,
      data: { chargeId: charge.id, amountRefunded: charge.amount_refunded },
    }),
  );
}

/** Cron: queues stored events still unprocessed after 15 minutes (a lost queue message); processing is idempotent. */
export async function requeueStuckStripeEvents(env: Env, now = Date.now()): Promise<{ requeued: number }> {
  return { requeued: await requeuePending(env, "stripe", now - STUCK_AFTER_MS, 100) };
}

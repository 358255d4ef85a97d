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
import { type Ignored, disputeClosed, disputeOpened, NotYetApplicable, creditsFor, paymentOf, refundFailed } from "./stripe-disputes";

const { stripeEvents } = tables;

/**
 * Applies one stored Stripe event (the queue's `stripe.event`). Stripe delivers at least once
 * and in any order: the event id was deduplicated on receipt, purchases are keyed by session,
 * refunds by cumulative amount, recharges by attempt, so applying anything twice adds nothing.
 */
export async function processStripeEvent(env: Env, eventId: string): Promise<void> {
  const db = database(env.DB);
  const row = await db.query.stripeEvents.findFirst({ where: eq(stripeEvents.id, eventId) });
  if (!row || row.processedAt) return;
  let applied: Ignored | undefined;
  try {
    applied = await apply(env, JSON.parse(row.payload) as Stripe.Event);
  } catch (err) {
    await db
      .update(stripeEvents)
      .set({ lastError: err instanceof Error ? err.message : String(err) })
      .where(eq(stripeEvents.id, eventId));
    throw err;
  }
  if (applied) log("info", "stripe event ignored", { eventId, reason: applied.ignored });
  await db
    .update(stripeEvents)
    .set({ processedAt: Date.now(), lastError: null, ignoredReason: applied?.ignored ?? null })
    .where(eq(stripeEvents.id, eventId));
}

async function apply(env: Env, event: Stripe.Event): Promise<Ignored | undefined> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const paid = paidCheckout(event.data.object);
      if (!paid) return;
      // Completed with a delayed method (bank debit): the money arrives with async_payment_succeeded.
      if (event.data.object.payment_status === "unpaid") {
        await recordPayment(env, { ...paid, kind: "checkout", status: "pending" });
        return;
      }
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
    case "refund.failed":
    case "charge.refund.updated":
      return refundFailed(env, event.data.object);
    case "charge.dispute.created":
      return disputeOpened(env, event.data.object);
    case "charge.dispute.closed":
      return disputeClosed(env, event.data.object);
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
      await settleRecharge(env, tenantId!, attemptKey!, Number(credits), intent.amount, outcome);
      return;
    }
    default:
      return { ignored: `Homeline does not act on ${event.type} events.` };
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
 * the cumulative refunded amount, so only the increase since the last refund applies. A charge
 * Homeline did not create (no credits metadata, no payment of ours) is recorded as ignored: it
 * would never become applicable, so waiting for it would retry forever.
 */
async function refund(env: Env, charge: Stripe.Charge): Promise<Ignored | undefined> {
  const payment = await paymentOf(env, charge.payment_intent);
  const ours = payment || charge.metadata?.kind === "credits" || charge.metadata?.kind === "auto_recharge";
  if (!ours) return { ignored: `Charge ${charge.id} was not created by Homeline (no credits payment), so its refund takes nothing back.` };
  if (payment?.status !== "paid")
    throw new NotYetApplicable(`Payment for charge ${charge.id} is not fulfilled yet; the refund waits for it.`);
  const cumulative = creditsFor(payment, charge.amount_refunded);
  const wallet = await billingWallet(env, payment.tenantId);
  unwrap(
    await wallet.refund(payment.tenantId, {
      reference: payment.paymentIntentId,
      cumulative,
      data: { chargeId: charge.id, amountRefunded: charge.amount_refunded },
    }),
  );
}

/** Cron: queues stored events still unprocessed after 15 minutes (a lost queue message); processing is idempotent. */
export async function requeueStuckStripeEvents(env: Env, now = Date.now()): Promise<{ requeued: number }> {
  return { requeued: await requeuePending(env, "stripe", now - STUCK_AFTER_MS, 100) };
}

import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Env } from "../env";
import { auditStatement } from "../audit";
import { database, tables } from "../db/client";
import { notifyWalletOwner } from "./notices";
import { billingWallet } from "./owner";
import { unwrap } from "./outcome";

const { stripePayments } = tables;

/** Thrown when an event depends on one not processed yet (a refund before its payment): the queue retries it later. */
export class NotYetApplicable extends Error {}

/** Why an applied event changed nothing, recorded on its row (applying returns nothing otherwise). */
export type Ignored = { ignored: string };

type Payment = typeof stripePayments.$inferSelect;

/** The Homeline payment behind a PaymentIntent id, when it bought credits. */
export async function paymentOf(env: Env, paymentIntent: string | { id: string } | null | undefined): Promise<Payment | undefined> {
  const id = typeof paymentIntent === "string" ? paymentIntent : paymentIntent?.id;
  if (!id) return undefined;
  return database(env.DB).query.stripePayments.findFirst({ where: eq(stripePayments.paymentIntentId, id) });
}

/** Credits bought with `amountCents` of a payment (partial refunds and disputes are proportional). */
export function creditsFor(payment: Payment, amountCents: number): number {
  return Math.min(payment.credits, Math.round((payment.credits * amountCents) / Math.max(payment.amountCents, 1)));
}

/** Credits a ledger reference actually took back (refund entries are negative; an uncovered part took nothing). */
async function takenBack(env: Env, payment: Payment, reference: string): Promise<{ entries: number; credits: number }> {
  const wallet = await billingWallet(env, payment.tenantId);
  const { items } = await wallet.ledger(payment.tenantId, { types: ["refund"], reference, limit: 100 });
  return { entries: items.length, credits: -items.reduce((sum, entry) => sum + entry.credits, 0) };
}

/**
 * A refund Stripe could not complete (`refund.failed`, or `charge.refund.updated` with status
 * failed): the money stayed with us, so the credits it took back return, once per refund.
 */
export async function refundFailed(env: Env, refund: Stripe.Refund): Promise<Ignored | undefined> {
  if (refund.status !== "failed") return { ignored: `Refund ${refund.id} is ${refund.status}, not failed.` };
  const payment = await paymentOf(env, refund.payment_intent);
  if (!payment) return { ignored: `Refund ${refund.id} is not of a charge Homeline created.` };
  const taken = await takenBack(env, payment, payment.paymentIntentId);
  if (!taken.entries) throw new NotYetApplicable(`Refund ${refund.id} has not been applied yet; its failure waits for it.`);
  const credits = Math.min(creditsFor(payment, refund.amount), taken.credits);
  if (credits <= 0) return { ignored: `Refund ${refund.id} took no credits back, so none return.` };
  const wallet = await billingWallet(env, payment.tenantId);
  unwrap(
    await wallet.adjust(payment.tenantId, {
      key: `refund_failed:${refund.id}`,
      credits,
      reason: `Stripe could not complete refund ${refund.id}; the credits it took back are restored.`,
      actorId: null,
    }),
  );
}

/**
 * A dispute opened: the disputed credits are held (taken from the free balance as a refund
 * keyed by the dispute, never overdrawing) and the owner is told by email and in the audit log.
 */
export async function disputeOpened(env: Env, dispute: Stripe.Dispute): Promise<Ignored | undefined> {
  const payment = await paymentOf(env, dispute.payment_intent);
  if (!payment) return { ignored: `Dispute ${dispute.id} is not of a charge Homeline created.` };
  const credits = creditsFor(payment, dispute.amount);
  const wallet = await billingWallet(env, payment.tenantId);
  unwrap(
    await wallet.refund(payment.tenantId, {
      reference: `dispute:${dispute.id}`,
      cumulative: credits,
      data: { disputeId: dispute.id, reason: dispute.reason, amountDisputed: dispute.amount },
    }),
  );
  await alert(env, payment, dispute, "opened", {
    subject: "A card payment was disputed",
    body: `Your bank was asked to reverse a payment of ${money(dispute.amount, dispute.currency)} (reason: ${dispute.reason}). We hold up to ${credits} credits until the dispute closes; they come back if it is decided in your favour.`,
  });
}

/** A dispute closed: won (or an inquiry closed) releases the held credits; lost keeps them. */
export async function disputeClosed(env: Env, dispute: Stripe.Dispute): Promise<Ignored | undefined> {
  const payment = await paymentOf(env, dispute.payment_intent);
  if (!payment) return { ignored: `Dispute ${dispute.id} is not of a charge Homeline created.` };
  const held = await takenBack(env, payment, `dispute:${dispute.id}`);
  if (!held.entries) throw new NotYetApplicable(`Dispute ${dispute.id} was not opened yet; its close waits for it.`);
  const won = dispute.status === "won" || dispute.status === "warning_closed";
  if (won && held.credits > 0) {
    const wallet = await billingWallet(env, payment.tenantId);
    unwrap(
      await wallet.adjust(payment.tenantId, {
        key: `dispute_won:${dispute.id}`,
        credits: held.credits,
        reason: `Dispute ${dispute.id} was decided in your favour; the held credits are released.`,
        actorId: null,
      }),
    );
  }
  await alert(env, payment, dispute, won ? "won" : "lost", {
    subject: won ? "A disputed payment was decided in your favour" : "A disputed payment was lost",
    body: won
      ? `The dispute over ${money(dispute.amount, dispute.currency)} closed in your favour; ${held.credits} held credits are back in your wallet.`
      : `The dispute over ${money(dispute.amount, dispute.currency)} was lost; the ${held.credits} held credits stay deducted.`,
  });
}

/**
 * Stripe may resend a dispute event under a new id: the email is keyed by dispute and outcome,
 * and the audit entry is written unless one exists, so the owner hears once and a retry still alerts.
 */
async function alert(env: Env, payment: Payment, dispute: Stripe.Dispute, outcome: string, notice: { subject: string; body: string }) {
  await notifyWalletOwner(env, payment.tenantId, { key: `dispute:${dispute.id}:${outcome}`, ...notice });
  const action = `wallet.dispute_${outcome}`;
  const { auditLog } = tables;
  const recorded = await database(env.DB).query.auditLog.findFirst({
    where: and(eq(auditLog.tenantId, payment.tenantId), eq(auditLog.action, action), eq(auditLog.target, dispute.id)),
    columns: { id: true },
  });
  if (recorded) return;
  await auditStatement(env, {
    tenantId: payment.tenantId,
    actorId: null,
    action,
    target: dispute.id,
    data: { paymentIntentId: payment.paymentIntentId, amountCents: dispute.amount, reason: dispute.reason },
  });
}

function money(cents: number, currency: string): string {
  return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

import { eq, ne } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import type { PaymentsProvider } from "../providers/payments";
import { creditWallet } from "./ledger";
import { unwrap } from "./outcome";
import { pinWallet } from "./owner";
import type { EntryView } from "./views";

const { stripePayments, wallets } = tables;

export interface PaidCheckout {
  tenantId: string;
  userId: string | null;
  sessionId: string;
  paymentIntentId: string;
  credits: number;
  amountCents: number;
  currency: string;
}

/**
 * Credits a paid checkout exactly once (the entry id is the session id), records the payment
 * for refunds, and keeps the card it saved for auto-recharge. Every step is idempotent, so a
 * repeated webhook, or a retry after a failure halfway, ends in the same state.
 */
export async function fulfilCheckout(env: Env, provider: PaymentsProvider, paid: PaidCheckout): Promise<EntryView> {
  const { value: entry } = unwrap<EntryView>(
    await creditWallet(env, paid.tenantId, {
      key: `purchase:${paid.sessionId}`,
      type: "purchase",
      credits: paid.credits,
      reference: paid.paymentIntentId,
      actorId: paid.userId,
      data: { sessionId: paid.sessionId, amountCents: paid.amountCents, currency: paid.currency },
    }),
  );
  await recordPayment(env, { ...paid, kind: "checkout", status: "paid" });
  // Local top-ups save no card: a Stripe key added later must not try to charge a fake one.
  if (provider.name === "stripe") {
    const card = await provider.savedCard(paid.paymentIntentId);
    if (card)
      await database(env.DB)
        .update(wallets)
        .set({ paymentMethodId: card.paymentMethodId, paymentMethodLabel: card.label, updatedAt: Date.now() })
        .where(eq(wallets.tenantId, paid.tenantId));
  }
  return entry;
}

/** One row per PaymentIntent; a later status never turns `paid` back into anything else. */
export async function recordPayment(
  env: Env,
  payment: {
    tenantId: string;
    paymentIntentId: string;
    kind: "checkout" | "auto_recharge";
    sessionId?: string | null;
    credits: number;
    amountCents: number;
    currency: string;
    status: "pending" | "paid" | "failed";
  },
): Promise<void> {
  const now = Date.now();
  await database(env.DB)
    .insert(stripePayments)
    .values({
      paymentIntentId: payment.paymentIntentId,
      tenantId: payment.tenantId,
      kind: payment.kind,
      sessionId: payment.sessionId ?? null,
      credits: payment.credits,
      amountCents: payment.amountCents,
      currency: payment.currency,
      status: payment.status,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: stripePayments.paymentIntentId,
      set: { status: payment.status, updatedAt: now },
      setWhere: ne(stripePayments.status, "paid"),
    });
}

/** The workspace's Stripe customer, created on its first checkout (local customers are not kept). */
export async function customerFor(
  env: Env,
  provider: PaymentsProvider,
  tenant: { id: string; name: string },
  email: string,
): Promise<string> {
  if (provider.name === "local") return provider.createCustomer(tenant, email);
  await pinWallet(env, tenant.id);
  const db = database(env.DB);
  const existing = await db.query.wallets.findFirst({ where: eq(wallets.tenantId, tenant.id), columns: { stripeCustomerId: true } });
  if (existing?.stripeCustomerId) return existing.stripeCustomerId;
  // Stripe's idempotency key makes a concurrent second creation return the same customer.
  const id = await provider.createCustomer(tenant, email);
  await db.update(wallets).set({ stripeCustomerId: id, updatedAt: Date.now() }).where(eq(wallets.tenantId, tenant.id));
  return id;
}

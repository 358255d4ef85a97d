import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, signup } from "../../tests/api";
import { buyPack, receive, stripeApi, stripeEvent } from "../../tests/stripe";
import { walletOf } from "../../tests/wallet";

const storedEvent = (id: string) =>
  env.DB.prepare("SELECT processed_at, last_error, ignored_reason FROM stripe_events WHERE id = ?")
    .bind(id)
    .first<{ processed_at: number | null; last_error: string | null; ignored_reason: string | null }>();

/** A paid pack and the dispute a bank would open over `amount` cents of it, as Stripe sends it. */
async function disputedPurchase(amount: number) {
  const owner = await signup();
  const { session, paymentIntent, charge } = await buyPack(owner.token, "pro");
  await receive(stripeEvent("checkout.session.completed", session));
  const dispute = {
    id: `dp_${crypto.randomUUID().replace(/-/g, "")}`,
    object: "dispute",
    amount,
    currency: "usd",
    charge: charge.id,
    payment_intent: paymentIntent.id,
    reason: "fraudulent",
    status: "needs_response",
  };
  return { owner, dispute };
}

const ownerMail = (tenantId: string) =>
  env.DB.prepare(
    "SELECT subject, body FROM outbox WHERE tenant_id = ? AND channel = 'email' AND subject LIKE '%disput%' ORDER BY created_at",
  )
    .bind(tenantId)
    .all<{ subject: string; body: string }>()
    .then((r) => r.results);

const disputeAudit = (tenantId: string) =>
  env.DB.prepare("SELECT action, target FROM audit_log WHERE tenant_id = ? AND action LIKE 'wallet.dispute_%' ORDER BY created_at")
    .bind(tenantId)
    .all<{ action: string; target: string }>()
    .then((r) => r.results);

describe("integration: Stripe refunds and disputes at the edges", () => {
  it("a refund of a charge Homeline did not create is recorded as ignored and never retried", async () => {
    const charge = {
      id: "ch_elsewhere",
      object: "charge",
      amount: 5_000,
      amount_refunded: 5_000,
      payment_intent: "pi_elsewhere",
      metadata: {},
    };
    const event = stripeEvent("charge.refunded", charge);
    await receive(event); // resolves: nothing for the queue to retry
    const stored = await storedEvent(event.id);
    expect(stored).toMatchObject({ last_error: null, processed_at: expect.any(Number) });
    expect(stored!.ignored_reason).toMatch(/ch_elsewhere was not created by Homeline/);
  });

  it("a failed refund restores the credits it took back, exactly once", async () => {
    const owner = await signup();
    const { session, paymentIntent } = await buyPack(owner.token, "starter");
    await receive(stripeEvent("checkout.session.completed", session));
    const refund = await stripeApi("POST", "/v1/refunds", { payment_intent: paymentIntent.id, amount: "500" });
    await receive(stripeEvent("charge.refunded", await stripeApi("GET", `/v1/charges/${refund.charge}`)));
    expect((await walletOf(owner.token)).balance).toBe(1_500);

    const failed = { ...refund, status: "failed", failure_reason: "expired_or_canceled_card" };
    await receive(stripeEvent("refund.failed", failed));
    expect((await walletOf(owner.token)).balance).toBe(2_000);
    // Stripe sends the same failure as charge.refund.updated too, and may resend either: nothing more.
    await receive(stripeEvent("charge.refund.updated", failed));
    await receive(stripeEvent("refund.failed", failed));
    expect((await walletOf(owner.token)).balance).toBe(2_000);
    const adjustments = await json(await call("GET", "/api/v1/wallet/ledger?type=adjustment", { token: owner.token }));
    expect(adjustments.items).toMatchObject([{ id: `refund_failed:${refund.id}`, credits: 500 }]);
  });

  it("a dispute holds the disputed credits and alerts the owner; winning releases them once", async () => {
    const { owner, dispute } = await disputedPurchase(4_000);
    await receive(stripeEvent("charge.dispute.created", dispute));
    await receive(stripeEvent("charge.dispute.created", dispute)); // a resend holds nothing more
    expect((await walletOf(owner.token)).balance).toBe(6_000);
    expect(await ownerMail(owner.tenantId)).toEqual([
      { subject: "A card payment was disputed", body: expect.stringContaining("We hold up to 4000 credits") },
    ]);

    const won = { ...dispute, status: "won" };
    await receive(stripeEvent("charge.dispute.closed", won));
    await receive(stripeEvent("charge.dispute.closed", won));
    expect((await walletOf(owner.token)).balance).toBe(10_000);
    expect(await disputeAudit(owner.tenantId)).toEqual([
      { action: "wallet.dispute_opened", target: dispute.id },
      { action: "wallet.dispute_won", target: dispute.id },
    ]);
    expect((await ownerMail(owner.tenantId)).map((m) => m.subject)).toContain("A disputed payment was decided in your favour");
  });

  it("a lost dispute keeps the held credits; a hold never overdraws what was already spent", async () => {
    const { owner, dispute } = await disputedPurchase(10_000);
    await call("POST", "/api/v1/wallet/debits", { token: owner.token, body: { channel: "voice", quantity: 37 } });
    const spent = 10_000 - (await walletOf(owner.token)).balance;
    expect(spent).toBeGreaterThan(0);
    await receive(stripeEvent("charge.dispute.created", dispute));
    expect((await walletOf(owner.token)).balance).toBe(0);
    await receive(stripeEvent("charge.dispute.closed", { ...dispute, status: "lost" }));
    expect((await walletOf(owner.token)).balance).toBe(0);
    expect((await disputeAudit(owner.tenantId)).map((a) => a.action)).toEqual(["wallet.dispute_opened", "wallet.dispute_lost"]);
  });
});

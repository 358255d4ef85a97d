import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, signup, type TestAccount } from "../../tests/api";
import { buyPack, deliver, signed, stripeEvent, stripeRequests } from "../../tests/stripe";
import { walletOf } from "../../tests/wallet";
import { processStripeEvent } from "./stripe-events";
import { runRecharge } from "./auto-recharge";

/** A workspace that bought the starter pack (2,000 credits) with `card`, with auto-recharge on. */
async function withAutoRecharge(card = "pm_card_visa"): Promise<TestAccount> {
  const owner = await signup();
  const { session } = await buyPack(owner.token, "starter", card);
  const event = stripeEvent("checkout.session.completed", session);
  const { payload, header } = signed(event);
  await deliver(payload, header);
  await processStripeEvent(env, event.id);
  const settings = await call("PUT", "/api/v1/wallet/auto-recharge", {
    token: owner.token,
    body: { enabled: true, threshold: 500, credits: 1_000 },
  });
  expect(settings.status).toBe(200);
  return owner;
}

const spend = (token: string, channel: string, quantity: number) =>
  call("POST", "/api/v1/wallet/debits", { token, body: { channel, quantity } });

describe("integration: auto-recharge", () => {
  it("below the threshold, charges the saved card off-session once and credits it", async () => {
    const owner = await withAutoRecharge();
    expect((await spend(owner.token, "voice", 63)).status).toBe(201); // 2,000 − 1,512 = 488
    const pending = (await walletOf(owner.token)).recharge.pending;
    expect(pending).toMatchObject({ key: expect.stringMatching(/^rch_/) });
    // One at a time: spending more while it runs starts nothing new.
    await spend(owner.token, "email", 1);
    expect((await walletOf(owner.token)).recharge.pending.key).toBe(pending.key);

    await runRecharge(env, owner.tenantId, pending.key);
    await runRecharge(env, owner.tenantId, pending.key); // a redelivered queue message
    const wallet = await walletOf(owner.token);
    expect(wallet.balance).toBe(1_487);
    expect(wallet.recharge).toMatchObject({ pending: null, lastFailure: null, lastSuccess: { credits: 1_000 } });
    const charges = (await stripeRequests()).filter((r) => r.path === "/v1/payment_intents" && r.idempotencyKey === pending.key);
    expect(charges.length).toBeGreaterThanOrEqual(1);
    expect(charges[0]!.params).toMatchObject({
      amount: "1000",
      currency: "usd",
      payment_method: "pm_card_visa",
      off_session: "true",
      confirm: "true",
      metadata: { kind: "auto_recharge", tenantId: owner.tenantId, attemptKey: pending.key },
    });

    // Stripe's own payment_intent.succeeded for the same charge credits nothing more.
    const ledger = await json(await call("GET", "/api/v1/wallet/ledger?type=auto_recharge", { token: owner.token }));
    expect(ledger.items).toHaveLength(1);
    const intent = {
      id: ledger.items[0].reference,
      object: "payment_intent",
      amount: 1_000,
      status: "succeeded",
      metadata: { kind: "auto_recharge", tenantId: owner.tenantId, attemptKey: pending.key, credits: "1000" },
    };
    const event = stripeEvent("payment_intent.succeeded", intent);
    const { payload, header } = signed(event);
    await deliver(payload, header);
    await processStripeEvent(env, event.id);
    expect((await walletOf(owner.token)).balance).toBe(1_487);
  });

  it("a declined card is recorded, the owner is emailed, and it is not charged again in a loop", async () => {
    const owner = await withAutoRecharge("pm_card_chargeDeclined");
    await spend(owner.token, "voice", 63);
    const { key } = (await walletOf(owner.token)).recharge.pending;
    await runRecharge(env, owner.tenantId, key);
    const wallet = await walletOf(owner.token);
    expect(wallet.balance).toBe(488);
    expect(wallet.recharge).toMatchObject({ pending: null, lastFailure: { message: "Your card was declined." } });
    const notice = await env.DB.prepare("SELECT recipient, subject, body, billable FROM outbox WHERE tenant_id = ? AND idempotency_key = ?")
      .bind(owner.tenantId, `notice:recharge-failed:${key}`)
      .first<Record<string, unknown>>();
    expect(notice).toMatchObject({ recipient: owner.email, subject: "Homeline auto-recharge failed", billable: 0 });
    expect(String(notice!.body)).toContain("Your card was declined.");

    await spend(owner.token, "email", 1);
    expect((await walletOf(owner.token)).recharge.pending).toBeNull();
    // Saving the settings again is the owner's go-ahead: the next spend tries again.
    await call("PUT", "/api/v1/wallet/auto-recharge", { token: owner.token, body: { enabled: true, threshold: 500, credits: 1_000 } });
    expect((await walletOf(owner.token)).recharge.pending).toMatchObject({ key: expect.stringMatching(/^rch_/) });
  });

  it("needs a card saved at checkout before it can be turned on", async () => {
    const owner = await signup();
    const refused = await expectProblem(
      await call("PUT", "/api/v1/wallet/auto-recharge", { token: owner.token, body: { enabled: true, threshold: 500, credits: 1_000 } }),
      409,
    );
    expect(refused.detail).toMatch(/Buy credits once with a card first/);
    expect(
      (await call("PUT", "/api/v1/wallet/auto-recharge", { token: owner.token, body: { enabled: false, threshold: 500, credits: 1_000 } }))
        .status,
    ).toBe(200);
  });
});

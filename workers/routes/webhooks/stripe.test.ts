import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, signup } from "../../../tests/api";
import { buyPack, deliver, receive, signed, stripeApi, stripeEvent, stripeRequests } from "../../../tests/stripe";
import { walletOf } from "../../../tests/wallet";
import { processStripeEvent } from "../../wallet/stripe-events";
import { app } from "../../app";

describe("integration: Stripe checkout and webhooks", () => {
  it("creates a Checkout Session with metadata and an idempotency key; a retry gets the same session", async () => {
    const owner = await signup();
    const buy = () =>
      call("POST", "/api/v1/wallet/checkout", { token: owner.token, body: { pack: "growth" }, headers: { "Idempotency-Key": "click-1" } });
    const first = await json(await buy());
    expect(first).toMatchObject({ paid: false, url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/) });
    expect((await json(await buy())).id).toBe(first.id);
    const sent = (await stripeRequests()).filter(
      (r) => r.path === "/v1/checkout/sessions" && r.idempotencyKey === `checkout:${owner.tenantId}:click-1`,
    );
    expect(sent).toHaveLength(2);
    expect(sent[0]!.params).toMatchObject({
      mode: "payment",
      client_reference_id: owner.tenantId,
      metadata: { kind: "credits", tenantId: owner.tenantId, userId: owner.userId, packId: "growth", credits: "5000" },
      payment_intent_data: { setup_future_usage: "off_session", metadata: { kind: "credits", tenantId: owner.tenantId } },
      line_items: [{ quantity: "1", price_data: { currency: "usd", unit_amount: "5000" } }],
    });
    expect(sent[0]!.params.success_url).toContain("/dashboard?wallet=paid&session_id={CHECKOUT_SESSION_ID}");
    await expectProblem(await call("POST", "/api/v1/wallet/checkout", { token: owner.token, body: { pack: "huge" } }), 400);
  });

  it("a valid checkout.session.completed credits the pack once and saves the card; duplicates change nothing", async () => {
    const owner = await signup();
    const { session } = await buyPack(owner.token, "starter");
    const event = stripeEvent("checkout.session.completed", session);
    expect(await receive(event)).toEqual({ received: true, duplicate: false });
    expect(await walletOf(owner.token)).toMatchObject({ balance: 2_000, card: "visa •••• 4242" });
    // The same event again, and another event for the same session: fulfilled once per session.
    expect(await receive(event)).toEqual({ received: true, duplicate: true });
    await receive(stripeEvent("checkout.session.async_payment_succeeded", session));
    expect((await walletOf(owner.token)).balance).toBe(2_000);
    const ledger = await json(await call("GET", "/api/v1/wallet/ledger?type=purchase", { token: owner.token }));
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({
      id: `purchase:${session.id}`,
      credits: 2_000,
      reference: session.payment_intent,
      data: { amountCents: 2_000, currency: "usd" },
    });
    const stored = await env.DB.prepare("SELECT type, processed_at FROM stripe_events WHERE id = ?")
      .bind(event.id)
      .first<{ processed_at: number | null }>();
    expect(stored!.processed_at).not.toBeNull();
  });

  it("refuses tampered, wrongly signed, stale and unsigned deliveries without storing them", async () => {
    const owner = await signup();
    const { session } = await buyPack(owner.token);
    const event = stripeEvent("checkout.session.completed", session);
    const { payload, header } = signed(event);
    const tampered = payload.replace(`"credits":"2000"`, `"credits":"2000000"`);
    expect(tampered).not.toBe(payload);
    for (const [body, signature] of [
      [tampered, header],
      [payload, signed(event, { secret: "whsec_someone_else" }).header],
      [payload, signed(event, { timestamp: Math.floor(Date.now() / 1000) - 600 }).header],
      [payload, null],
    ] as const) {
      await expectProblem(await deliver(body, signature), 400);
    }
    expect(await env.DB.prepare("SELECT count(*) AS n FROM stripe_events WHERE id = ?").bind(event.id).first("n")).toBe(0);
    expect((await walletOf(owner.token)).balance).toBe(0);
  });

  it("handles out-of-order delivery: a refund before its payment waits; a delayed payment completes later", async () => {
    const owner = await signup();
    const { session, paymentIntent } = await buyPack(owner.token, "pro");
    const charge = await stripeApi("POST", "/v1/refunds", { payment_intent: paymentIntent.id, amount: "2500" }).then((refund) =>
      stripeApi("GET", `/v1/charges/${refund.charge}`),
    );
    const refundEvent = stripeEvent("charge.refunded", charge);
    const { payload, header } = signed(refundEvent);
    expect((await deliver(payload, header)).status).toBe(200);
    await expect(processStripeEvent(env, refundEvent.id)).rejects.toThrow(/not fulfilled yet/);

    // Completed while the bank debit is still pending: nothing yet; the async success credits it.
    await receive(stripeEvent("checkout.session.completed", { ...session, payment_status: "unpaid" }));
    expect((await walletOf(owner.token)).balance).toBe(0);
    await receive(stripeEvent("checkout.session.async_payment_succeeded", session));
    // (The queue may retry the waiting refund any moment now, so the purchase is checked in the ledger.)
    const purchases = await json(await call("GET", "/api/v1/wallet/ledger?type=purchase", { token: owner.token }));
    expect(purchases.items).toMatchObject([{ credits: 10_000, reference: paymentIntent.id }]);
    // A late "completed (unpaid)" never turns the paid payment back to pending.
    await receive(stripeEvent("checkout.session.completed", { ...session, payment_status: "unpaid" }));
    expect(
      await env.DB.prepare("SELECT status FROM stripe_payments WHERE payment_intent_id = ?").bind(paymentIntent.id).first("status"),
    ).toBe("paid");

    await processStripeEvent(env, refundEvent.id); // the retry
    expect((await walletOf(owner.token)).balance).toBe(7_500);
    expect((await json(await call("GET", "/api/v1/wallet/ledger?type=refund", { token: owner.token }))).items).toHaveLength(1);
  });

  it("refunds take back credits as a negative entry, once per increase, never below zero", async () => {
    const owner = await signup();
    const { session, paymentIntent } = await buyPack(owner.token, "starter");
    await receive(stripeEvent("checkout.session.completed", session));
    const refund = async (amount: string) =>
      stripeApi("GET", `/v1/charges/${(await stripeApi("POST", "/v1/refunds", { payment_intent: paymentIntent.id, amount })).charge}`);
    const half = stripeEvent("charge.refunded", await refund("1000"));
    await receive(half);
    expect((await walletOf(owner.token)).balance).toBe(1_000);
    // Spend 900 of the rest, then refund the remaining 1,000: only the 100 still free comes back.
    await call("POST", "/api/v1/wallet/debits", { token: owner.token, body: { channel: "voice", quantity: 37 } });
    const rest = stripeEvent("charge.refunded", await refund("1000"));
    await receive(rest);
    await receive(stripeEvent("charge.refunded", half.data.object)); // the older event, late: adds nothing
    const wallet = await walletOf(owner.token);
    expect(wallet.balance).toBe(0);
    const refunds = await json(await call("GET", "/api/v1/wallet/ledger?type=refund", { token: owner.token }));
    expect(
      refunds.items.map((e: { credits: number; data: Record<string, number> }) => [e.credits, e.data.cumulative, e.data.uncovered]),
    ).toEqual([
      [-112, 2_000, 888],
      [-1_000, 1_000, 0],
    ]);
  });

  it("without a Stripe key (development) checkout credits the pack at once; production refuses", async () => {
    const owner = await signup();
    const local = { ...env, STRIPE_SECRET_KEY: undefined };
    const request = (environment = local) =>
      app.fetch(
        new Request("http://localhost/api/v1/wallet/checkout", {
          method: "POST",
          headers: { Authorization: `Bearer ${owner.token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ pack: "starter" }),
        }),
        environment,
        createExecutionContext(),
      );
    const response = await request();
    expect(response.status).toBe(201);
    const checkout = await json(response);
    expect(checkout).toMatchObject({ paid: true, url: expect.stringContaining("/dashboard?wallet=paid&session_id=cs_local_") });
    expect(await walletOf(owner.token)).toMatchObject({ balance: 2_000, card: null });
    const summary = await json(
      await app.fetch(
        new Request("http://localhost/api/v1/wallet", { headers: { Authorization: `Bearer ${owner.token}` } }),
        local,
        createExecutionContext(),
      ),
    );
    expect(summary.payments).toBe("local");
    await expectProblem(await request({ ...local, ENVIRONMENT: "production" }), 503);
  });
});

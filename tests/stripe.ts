import { createHmac } from "node:crypto";
import Stripe from "stripe";
import { env } from "cloudflare:workers";
import { expect, inject } from "vitest";
import { processStripeEvent } from "../workers/wallet/stripe-events";
import { call, json } from "./api";

export const WEBHOOK_SECRET = "whsec_test_homeline";

/** The Workers build of the SDK signs only asynchronously; tests sign synchronously with node:crypto. */
class NodeHmac extends Stripe.CryptoProvider {
  override computeHMACSignature(payload: string, secret: string): string {
    return createHmac("sha256", secret).update(payload, "utf8").digest("hex");
  }
}

/** A Stripe event around `object`, as Stripe would POST it. */
export function stripeEvent(type: string, object: unknown, id = `evt_${crypto.randomUUID().replace(/-/g, "")}`) {
  return {
    id,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

/** The payload and its Stripe-Signature, signed with the `stripe` package's test helper. */
export function signed(event: unknown, options: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp,
    cryptoProvider: new NodeHmac(),
  });
  return { payload, header };
}

export function deliver(payload: string, header: string | null) {
  return call("POST", "/webhooks/stripe", {
    raw: payload,
    headers: { "Content-Type": "application/json", ...(header ? { "Stripe-Signature": header } : {}) },
  });
}

/** Delivers a signed event and applies it the way the queue consumer does. */
export async function receive(event: { id: string }) {
  const { payload, header } = signed(event);
  const response = await deliver(payload, header);
  expect(response.status).toBe(200);
  await processStripeEvent(env, event.id);
  return json(response);
}

/** Buys a pack through the API and has the customer pay on the (fake) hosted page. */
export async function buyPack(token: string, pack = "starter", paymentMethod = "pm_card_visa") {
  const created = await call("POST", "/api/v1/wallet/checkout", {
    token,
    body: { pack },
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  if (created.status !== 201) throw new Error(`checkout failed: ${created.status} ${await created.text()}`);
  const checkout = await json(created);
  const paid = await fetch(`${inject("stripeUrl")}/__sessions/${checkout.id}/pay`, {
    method: "POST",
    body: JSON.stringify({ paymentMethod }),
  });
  return { checkout, ...((await paid.json()) as { session: any; paymentIntent: any; charge: any }) };
}

/** Calls the Stripe fake's API directly (what the dashboard would do: a refund). */
export async function stripeApi(method: string, path: string, params?: Record<string, string>) {
  const response = await fetch(`${inject("stripeUrl")}${path}`, {
    method,
    headers: { Authorization: "Bearer sk_test_homeline", "Content-Type": "application/x-www-form-urlencoded" },
    body: params ? new URLSearchParams(params) : undefined,
  });
  return response.json() as Promise<any>;
}

export async function stripeRequests(): Promise<{ method: string; path: string; idempotencyKey?: string; params: any }[]> {
  return (await fetch(`${inject("stripeUrl")}/__requests`)).json() as Promise<any>;
}

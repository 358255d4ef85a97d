import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { Problem } from "../../http/problem";
import { database, tables } from "../../db/client";
import { enqueue } from "../../queue/messages";
import { verifyStripeEvent } from "../../providers/payments/stripe";
import { limitWebhookSource } from "../../http/limits";

const MAX_EVENT_BYTES = 1_048_576;
const { stripeEvents } = tables;

/**
 * Stripe webhooks: verify the signature over the raw body, store the event once (by Stripe's
 * event id), queue it when it is new, answer 200. Processing happens in the queue (workers/wallet/stripe-events.ts).
 */
export const stripeWebhook = new Hono<AppEnv>().post("/", async (c) => {
  if (!c.env.STRIPE_WEBHOOK_SECRET)
    throw new Problem(503, "Service Unavailable", "STRIPE_WEBHOOK_SECRET is not configured; unsigned events are never accepted.");
  const signature = c.req.header("Stripe-Signature");
  if (!signature) throw new Problem(400, "Bad Request", "Missing Stripe-Signature.");
  const raw = await c.req.text();
  if (raw.length > MAX_EVENT_BYTES) throw new Problem(413, "Content Too Large", "Stripe events are limited to 1 MB.");
  let event: Awaited<ReturnType<typeof verifyStripeEvent>>;
  try {
    event = await verifyStripeEvent(c.env, raw, signature);
  } catch {
    throw new Problem(400, "Bad Request", "The Stripe-Signature does not match this body, or it is older than 5 minutes.");
  }
  await limitWebhookSource(c, "stripe", event.account ?? "platform");
  const inserted = await database(c.env.DB)
    .insert(stripeEvents)
    .values({ id: event.id, type: event.type, payload: raw, receivedAt: Date.now() })
    .onConflictDoNothing()
    .returning({ id: stripeEvents.id });
  // A resend of a stored event is acknowledged as it is: if its queue message was lost, the
  // recovery cron (requeueStuckStripeEvents) queues it again.
  if (inserted.length > 0) await enqueue(c.env, { kind: "stripe.event", eventId: event.id });
  return c.json({ received: true, duplicate: inserted.length === 0 }, 200);
});

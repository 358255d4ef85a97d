import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { enqueue } from "../queue/messages";

/**
 * Persists a verified webhook body and queues its processing: once this resolves, the event
 * is safe (D1 holds it, the queue retries it, the dead-letter store keeps it). A delivery
 * already stored (same `deliveryKey` on the channel) is acknowledged as it is, with one
 * statement and no second queue message: if its first queue message was lost, the inbound
 * recovery cron queues it again. Returns the stored event's id, or undefined for a resend.
 */
export async function acceptInboundEvent(
  env: Env,
  event: { tenantId: string; channelId: string; provider: "whatsapp" | "twilio"; contentType: string; body: string; deliveryKey?: string },
  contact: string | undefined,
): Promise<string | undefined> {
  const now = Date.now();
  const { inboundEvents } = tables;
  const [stored] = await database(env.DB)
    .insert(inboundEvents)
    .values({ id: newId("evt", now), ...event, receivedAt: now })
    .onConflictDoNothing({ target: [inboundEvents.tenantId, inboundEvents.channelId, inboundEvents.deliveryKey] })
    .returning({ id: inboundEvents.id });
  if (!stored) return undefined;
  await enqueue(env, { kind: "inbound.event", eventId: stored.id, ...(contact ? { orderKey: `${event.channelId}:${contact}` } : {}) });
  return stored.id;
}

import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { enqueue } from "../queue/messages";

/**
 * Persists a verified webhook body and queues its processing: once this resolves, the event
 * is safe (D1 holds it, the queue retries it, the dead-letter store keeps it).
 */
export async function acceptInboundEvent(
  env: Env,
  event: { tenantId: string; channelId: string; provider: "whatsapp" | "twilio"; contentType: string; body: string },
  contact: string | undefined,
): Promise<string> {
  const now = Date.now();
  const id = newId("evt", now);
  await database(env.DB)
    .insert(tables.inboundEvents)
    .values({ id, ...event, receivedAt: now });
  await enqueue(env, { kind: "inbound.event", eventId: id, ...(contact ? { orderKey: `${event.channelId}:${contact}` } : {}) });
  return id;
}

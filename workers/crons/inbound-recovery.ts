import { and, asc, isNull, lt } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { enqueue } from "../queue/messages";

const STUCK_AFTER_MS = 15 * 60_000;

/**
 * Every 10 minutes: a stored webhook still unprocessed after 15 minutes (its queue message lost,
 * or parked and not yet replayed) is queued again. Processing is idempotent per provider message
 * id, so an extra delivery has no second effect.
 */
export async function requeueStuckInboundEvents(env: Env, now = Date.now()): Promise<{ requeued: number }> {
  const { inboundEvents } = tables;
  const stuck = await database(env.DB)
    .select({ id: inboundEvents.id })
    .from(inboundEvents)
    .where(and(isNull(inboundEvents.processedAt), lt(inboundEvents.receivedAt, now - STUCK_AFTER_MS)))
    .orderBy(asc(inboundEvents.receivedAt))
    .limit(200);
  for (const row of stuck) await enqueue(env, { kind: "inbound.event", eventId: row.id });
  return { requeued: stuck.length };
}

import type { Env } from "../env";
import { requeuePending, STUCK_AFTER_MS } from "../queue/pending-work";

/**
 * Every 10 minutes: a stored webhook still unprocessed after 15 minutes (its queue message lost,
 * or parked and not yet replayed) is queued again. Processing is idempotent per provider message
 * id, so an extra delivery has no second effect.
 */
export async function requeueStuckInboundEvents(env: Env, now = Date.now()): Promise<{ requeued: number }> {
  return { requeued: await requeuePending(env, "inbound", now - STUCK_AFTER_MS, 200) };
}

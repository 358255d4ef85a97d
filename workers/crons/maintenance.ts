import { and, lt, or, isNotNull } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { requeuePending, STUCK_AFTER_MS } from "../queue/pending-work";

const DAY = 86_400_000;

/**
 * Every 10 minutes: drop refresh sessions and invites long past use, and re-queue outbox
 * messages whose queue message was lost (the delivery is idempotent, so a duplicate is harmless).
 */
export async function runMaintenance(
  env: Env,
  now = Date.now(),
): Promise<{ sessionsPurged: number; invitesPurged: number; outboxRequeued: number }> {
  const db = database(env.DB);
  const { refreshSessions, invites } = tables;
  const sessions = await db
    .delete(refreshSessions)
    .where(
      or(lt(refreshSessions.expiresAt, now - DAY), and(isNotNull(refreshSessions.revokedAt), lt(refreshSessions.revokedAt, now - 7 * DAY))),
    )
    .returning({ id: refreshSessions.id });
  const expiredInvites = await db
    .delete(invites)
    .where(lt(invites.expiresAt, now - 30 * DAY))
    .returning({ id: invites.id });
  const outboxRequeued = await requeuePending(env, "outbox", now - STUCK_AFTER_MS, 100);
  return { sessionsPurged: sessions.length, invitesPurged: expiredInvites.length, outboxRequeued };
}

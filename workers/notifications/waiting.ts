import type { Env } from "../env";
import { activityFeed } from "../../durable-objects/stubs";
import { log } from "../http/log";

/** Conversations the AI handed over that no member has taken yet. */
export async function waitingCount(env: Env, tenantId: string): Promise<number> {
  const row = await env.DB.prepare(
    `SELECT count(*) AS n FROM conversations WHERE tenant_id = ? AND stage = 'handoff' AND mode = 'human' AND taken_over_by IS NULL`,
  )
    .bind(tenantId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The sidebar's count, live on every open dashboard of the workspace. */
export async function publishWaiting(env: Env, tenantId: string): Promise<void> {
  try {
    await activityFeed(env, tenantId).broadcast({ type: "waiting", count: await waitingCount(env, tenantId) });
  } catch (err) {
    log("warn", "waiting count not published", { tenantId, error: err instanceof Error ? err.message : String(err) });
  }
}

/** A hand-off starts (or restarts) the conversation's wait; the escalation cron watches it. */
export async function startWait(env: Env, tenantId: string, conversationId: string, eventKey: string, since: number): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO conversation_waits (tenant_id, conversation_id, event_key, since) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET event_key = excluded.event_key, since = excluded.since, opened_at = NULL, escalated_at = NULL
     WHERE conversation_waits.event_key <> excluded.event_key`,
  )
    .bind(tenantId, conversationId, eventKey, since)
    .run();
}

/**
 * A member opened the conversation: its wait will not escalate. `modeChanged` (took over,
 * handed back) also refreshes the sidebar count; merely reading it changes no count.
 */
export async function conversationOpened(
  env: Env,
  tenantId: string,
  conversationId: string,
  modeChanged: boolean,
  now = Date.now(),
): Promise<void> {
  await env.DB.prepare(`UPDATE conversation_waits SET opened_at = ? WHERE tenant_id = ? AND conversation_id = ? AND opened_at IS NULL`)
    .bind(now, tenantId, conversationId)
    .run();
  if (modeChanged) await publishWaiting(env, tenantId);
}

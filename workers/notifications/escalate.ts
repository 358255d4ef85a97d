import type { Env } from "../env";
import { DEFAULT_ESCALATION_MINUTES } from "./preferences";
import { raiseNotification } from "./raise";

const BATCH = 200;

interface Due {
  tenantId: string;
  conversationId: string;
  eventKey: string;
  since: number;
  contact: string;
}

/**
 * Cron: a hand-off still waiting, that no member opened within the workspace's escalation
 * delay, alerts the owners once. The wait is claimed before raising, so two runs raise once.
 */
export async function escalateUnopenedHandoffs(env: Env, now: number): Promise<number> {
  const { results } = await env.DB.prepare(
    `SELECT w.tenant_id AS tenantId, w.conversation_id AS conversationId, w.event_key AS eventKey, w.since AS since,
            coalesce(c.contact_name, c.contact_phone, c.contact_address) AS contact
     FROM conversation_waits w
     JOIN conversations c ON c.tenant_id = w.tenant_id AND c.id = w.conversation_id
     LEFT JOIN alert_settings a ON a.tenant_id = w.tenant_id
     WHERE w.opened_at IS NULL AND w.escalated_at IS NULL
       AND c.stage = 'handoff' AND c.mode = 'human' AND c.taken_over_by IS NULL
       AND w.since <= ? - coalesce(a.handoff_escalation_minutes, ?) * 60000
     LIMIT ?`,
  )
    .bind(now, DEFAULT_ESCALATION_MINUTES, BATCH)
    .all<Due>();
  let raised = 0;
  for (const due of results) {
    const claimed = await env.DB.prepare(
      `UPDATE conversation_waits SET escalated_at = ? WHERE tenant_id = ? AND conversation_id = ? AND event_key = ? AND escalated_at IS NULL`,
    )
      .bind(now, due.tenantId, due.conversationId, due.eventKey)
      .run();
    if (!claimed.meta.changes) continue;
    const minutes = Math.round((now - due.since) / 60_000);
    await raiseNotification(env, {
      tenantId: due.tenantId,
      key: `escalation:${due.eventKey}`,
      kind: "handoff_escalation",
      audience: "owners",
      title: `Nobody has answered ${due.contact}`,
      body: `${due.contact} was handed to the team ${minutes} minutes ago and no one has opened the conversation yet.`,
      link: `/conversations?id=${encodeURIComponent(due.conversationId)}`,
      at: now,
    });
    raised++;
  }
  return raised;
}

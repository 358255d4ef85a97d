import type { Env } from "../env";
import { alertCall } from "../notifications/alerts";
import { newId } from "../lib/ids";

/** Calls whose status callback never came stop counting after this long. */
export const MAX_CALL_MS = 4 * 3600_000;
const DEFAULT_MAX_CONCURRENT_CALLS = 50;

export function maxConcurrentCalls(env: Env): number {
  const n = Number(env.MAX_CONCURRENT_CALLS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_CONCURRENT_CALLS;
}

export interface NewCall {
  tenantId: string;
  callSid: string;
  channelId: string;
  from: string;
  to: string;
  holdId: string | null;
  now: number;
}

/**
 * Admits a call under the platform-wide cap: one INSERT … SELECT … WHERE count < max, which
 * D1 (one SQLite writer) runs atomically, so two calls racing for the last place cannot both
 * get it. The `calls` rows in progress are the counter; a status callback ends one. A webhook
 * retried for an already admitted call is admitted again (same row).
 */
export async function admitCall(env: Env, call: NewCall, max: number): Promise<{ admitted: boolean; id: string }> {
  const id = newId("call", call.now);
  const result = await env.DB.prepare(
    `INSERT INTO calls (id, tenant_id, call_sid, channel_id, from_number, to_number, status, started_at, hold_id, created_at, updated_at)
     SELECT ?, ?, ?, ?, ?, ?, 'in-progress', ?, ?, ?, ?
     WHERE (SELECT count(*) FROM calls WHERE status = 'in-progress' AND started_at > ?) < ?
     ON CONFLICT (call_sid) DO NOTHING`,
  )
    .bind(
      id,
      call.tenantId,
      call.callSid,
      call.channelId,
      call.from,
      call.to,
      call.now,
      call.holdId,
      call.now,
      call.now,
      call.now - MAX_CALL_MS,
      max,
    )
    .run();
  if (result.meta.changes > 0) return { admitted: true, id };
  const existing = await env.DB.prepare(`SELECT id, status FROM calls WHERE call_sid = ?`)
    .bind(call.callSid)
    .first<{ id: string; status: string }>();
  return existing?.status === "in-progress" ? { admitted: true, id: existing.id } : { admitted: false, id };
}

/** A call turned away (budget or cap) is still logged; an existing row for the sid is left alone (null then). */
export async function recordRefusedCall(env: Env, call: NewCall, outcome: "refused_budget" | "refused_cap"): Promise<string | null> {
  const id = newId("call", call.now);
  const result = await env.DB.prepare(
    `INSERT INTO calls (id, tenant_id, call_sid, channel_id, from_number, to_number, status, outcome, started_at, ended_at, duration_seconds, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'refused', ?, ?, ?, 0, ?, ?) ON CONFLICT (call_sid) DO NOTHING`,
  )
    .bind(id, call.tenantId, call.callSid, call.channelId, call.from, call.to, outcome, call.now, call.now, call.now, call.now)
    .run();
  if (result.meta.changes === 0) return null;
  await alertCall(env, {
    tenantId: call.tenantId,
    callId: id,
    from: call.from,
    what: "refused",
    why: outcome === "refused_budget" ? "the wallet has no call budget left" : "too many calls at once",
  });
  return id;
}

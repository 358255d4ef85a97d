import type { Env } from "../../env";
import type { CallRef, TranscriptEntry } from "./types";

/**
 * Appends transcript lines. Idempotent by (call, seq): a line written again (a retried turn, a
 * Durable Object replaying after eviction) is ignored. Lines only land on a call of the tenant.
 */
export async function appendTranscript(env: Env, ref: CallRef, entries: TranscriptEntry[]): Promise<void> {
  if (!entries.length) return;
  const insert = env.DB.prepare(
    `INSERT OR IGNORE INTO call_transcript (tenant_id, call_id, seq, speaker, text, start_ms, end_ms, interrupted)
     SELECT tenant_id, id, ?, ?, ?, ?, ?, ? FROM calls WHERE id = ? AND tenant_id = ?`,
  );
  await env.DB.batch(
    entries.map((e) =>
      insert.bind(
        e.seq,
        e.speaker,
        e.text,
        Math.round(e.startMs),
        e.endMs === null ? null : Math.round(e.endMs),
        e.interrupted ? 1 : 0,
        ref.callId,
        ref.tenantId,
      ),
    ),
  );
}

/** The next free seq of a call's transcript (the Gather path numbers its lines from here). */
export async function nextTranscriptSeq(env: Env, ref: CallRef): Promise<number> {
  const row = await env.DB.prepare(`SELECT coalesce(max(seq) + 1, 0) AS next FROM call_transcript WHERE tenant_id = ? AND call_id = ?`)
    .bind(ref.tenantId, ref.callId)
    .first<{ next: number }>();
  return row?.next ?? 0;
}

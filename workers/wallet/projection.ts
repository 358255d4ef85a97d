import type { Env } from "../env";
import type { EntryView } from "./views";

/**
 * Mirrors ledger entries into D1 (wallet_ledger) for reporting and admin: one statement per
 * batch, the entries passed as one JSON parameter and expanded by json_each (D1 binds at most
 * 100 parameters a statement). Upserts by entry id, so flushing the same entries again (a
 * retried alarm) changes nothing.
 */
export async function projectEntries(env: Env, entries: (EntryView & { tenantId: string })[]): Promise<void> {
  if (!entries.length) return;
  const rows = entries.map((e) => [
    e.tenantId,
    e.id,
    e.seq,
    e.type,
    e.credits,
    e.channel,
    e.quantity,
    e.reference,
    e.actorId,
    e.holdId,
    e.balanceAfter,
    e.data ? JSON.stringify(e.data) : null,
    e.createdAt,
  ]);
  await env.DB.prepare(
    `INSERT INTO wallet_ledger (tenant_id, id, seq, type, credits, channel, quantity, reference, actor_id, hold_id, balance_after, data, created_at)
     SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12
     FROM json_each(?)
     WHERE true
     ON CONFLICT (tenant_id, id) DO NOTHING`,
  )
    .bind(JSON.stringify(rows))
    .run();
}

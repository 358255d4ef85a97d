import type { Env } from "../env";
import { database, tables } from "../db/client";
import type { EntryView } from "./views";

/**
 * Mirrors ledger entries into D1 (wallet_ledger) for reporting and admin. Upserts by entry id,
 * so flushing the same entries again (a retried alarm) changes nothing.
 */
export async function projectEntries(env: Env, entries: (EntryView & { tenantId: string })[]): Promise<void> {
  if (!entries.length) return;
  const db = database(env.DB);
  const statements = entries.map((e) =>
    db
      .insert(tables.walletLedger)
      .values({ tenantId: e.tenantId, id: e.id, seq: e.seq, type: e.type, credits: e.credits, channel: e.channel, quantity: e.quantity, reference: e.reference, actorId: e.actorId, holdId: e.holdId, balanceAfter: e.balanceAfter, data: e.data, createdAt: e.createdAt })
      .onConflictDoNothing(),
  );
  await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
}

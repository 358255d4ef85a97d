import { and, eq, isNotNull, lte, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { log } from "../http/log";
import { userWallet } from "../../durable-objects/stubs";

const { wallets, walletLedger, walletReconciliations } = tables;
const CONCURRENCY = 8;

export interface Reconciliation {
  tenantId: string;
  status: "ok" | "drift";
  drift: number;
  walletBalance: number;
  walletSum: number;
  projectedSum: number;
  projectedEntries: number;
  uptoSeq: number;
}

/**
 * Checks every funded wallet: its balance must equal the sum of its ledger (its held credits,
 * the sum of the entries' reservations), and the D1 projection must hold exactly the entries
 * (count and sum) the wallet has flushed so far. `drift` is the balance minus what the
 * projection plus the not-yet-flushed entries account for; anything but 0 (or a count or
 * reservation mismatch) is logged as an error and shown to platform admins.
 */
export async function reconcileWallets(env: Env, now = Date.now()): Promise<{ checked: number; drifted: number }> {
  const rows = await database(env.DB)
    .select({ tenantId: wallets.tenantId, ownerUserId: wallets.ownerUserId })
    .from(wallets)
    .where(isNotNull(wallets.fundedAt));
  let drifted = 0;
  for (let i = 0; i < rows.length; i += CONCURRENCY) {
    const results = await Promise.all(rows.slice(i, i + CONCURRENCY).map((row) => reconcileOne(env, row.tenantId, row.ownerUserId, now)));
    drifted += results.filter((r) => r.status === "drift").length;
  }
  log(drifted ? "error" : "info", "wallet reconciliation", { checked: rows.length, drifted });
  return { checked: rows.length, drifted };
}

export async function reconcileOne(env: Env, tenantId: string, ownerUserId: string, now = Date.now()): Promise<Reconciliation> {
  const db = database(env.DB);
  // The wallet first: rows a flush in progress writes beyond its cursor are not counted yet.
  const wallet = await userWallet(env, ownerUserId).reconcile(tenantId);
  const uptoSeq = wallet.projectedSeq;
  const [projected] = await db
    .select({ sum: sql<number>`coalesce(sum(${walletLedger.credits}), 0)`, entries: sql<number>`count(*)` })
    .from(walletLedger)
    .where(and(eq(walletLedger.tenantId, tenantId), lte(walletLedger.seq, uptoSeq)));
  const { sum: projectedSum, entries: projectedEntries } = projected!;
  const drift = wallet.balance - projectedSum - (wallet.sum - wallet.sumUpTo);
  // The holds too: what the entries reserved must be what the pools hold back.
  const status =
    drift === 0 && projectedEntries === wallet.entriesUpTo && wallet.balance === wallet.sum && wallet.reserved === wallet.reservedSum
      ? "ok"
      : "drift";
  const row = {
    tenantId,
    checkedAt: now,
    uptoSeq,
    walletBalance: wallet.balance,
    walletSum: wallet.sum,
    walletEntries: wallet.entries,
    projectedSum,
    projectedEntries,
    drift,
    status,
  } as const;
  await db.insert(walletReconciliations).values(row).onConflictDoUpdate({ target: walletReconciliations.tenantId, set: row });
  if (status === "drift")
    log("error", "wallet drift", {
      tenantId,
      drift,
      walletBalance: wallet.balance,
      walletSum: wallet.sum,
      reserved: wallet.reserved,
      reservedSum: wallet.reservedSum,
      projectedSum,
      projectedEntries,
      walletEntriesUpTo: wallet.entriesUpTo,
    });
  return { tenantId, status, drift, walletBalance: wallet.balance, walletSum: wallet.sum, projectedSum, projectedEntries, uptoSeq };
}

import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { conflict, notFound } from "../http/problem";
import { log } from "../http/log";
import { publishDomainEvents } from "../events/domain";
import { captureHold, releaseHold } from "../wallet/ledger";
import { unwrap } from "../wallet/outcome";
import { publishProgress } from "./progress";
import { scanReader } from "./repository";
import { ACTIVE_STATUSES, type ScanRow } from "./views";

const { scans, scanResults } = tables;

/**
 * Status changes of a scan. Each is one conditional UPDATE, so the API (cancel) and the
 * workflow (complete, fail) never both win: whichever moves the scan out of queued/running
 * first decides what happens to the hold.
 */
export interface ScanRef {
  tenantId: string;
  scanId: string;
}

const where = (ref: ScanRef) => and(eq(scans.tenantId, ref.tenantId), eq(scans.id, ref.scanId));

/** Cancelled by a member: the hold goes back in full; the workflow stops at its next batch. */
export async function cancelScan(env: Env, ref: ScanRef, actorId: string): Promise<ScanRow> {
  const db = database(env.DB);
  const now = Date.now();
  const [row] = await db
    .update(scans)
    .set({ status: "cancelled", completedAt: now, updatedAt: now })
    .where(and(where(ref), inArray(scans.status, ACTIVE_STATUSES)))
    .returning();
  if (!row) {
    const existing = await scanReader(env, ref.tenantId).get(ref.scanId);
    if (!existing) throw notFound("Scan");
    throw conflict(`This scan is ${existing.status}; only queued or running scans can be cancelled.`, { status: existing.status });
  }
  if (row.holdId) unwrap(await releaseHold(env, ref.tenantId, row.holdId, actorId));
  log("info", "scan cancelled", { scanId: ref.scanId, tenantId: ref.tenantId });
  await publishProgress(env, row, { statusChanged: true });
  return row;
}

/** Discovery done: the real number of properties, and the clock starts. False when no longer queued (cancelled). */
export async function markRunning(env: Env, ref: ScanRef, propertyCount: number): Promise<boolean> {
  const now = Date.now();
  const [row] = await database(env.DB)
    .update(scans)
    .set({ status: "running", propertyCount, startedAt: sql`coalesce(${scans.startedAt}, ${now})`, updatedAt: now })
    .where(and(where(ref), inArray(scans.status, ACTIVE_STATUSES)))
    .returning({ id: scans.id });
  return !!row;
}

/**
 * Charges the properties analysed successfully and releases the rest of the hold (one capture
 * does both), then announces scan.completed. Safe to repeat: the status change also matches a
 * completed scan whose charge was not recorded yet, and the capture replays by hold id.
 */
export async function completeScan(env: Env, ref: ScanRef): Promise<ScanRow | null> {
  const db = database(env.DB);
  const now = Date.now();
  const [row] = await db
    .update(scans)
    .set({ status: "completed", completedAt: sql`coalesce(${scans.completedAt}, ${now})`, updatedAt: now })
    .where(and(where(ref), or(eq(scans.status, "running"), and(eq(scans.status, "completed"), isNull(scans.creditsCharged)))))
    .returning();
  if (!row) return null;
  const [scored] = await db
    .select({ count: sql<number>`count(*)` })
    .from(scanResults)
    .where(and(eq(scanResults.tenantId, ref.tenantId), eq(scanResults.scanId, ref.scanId), eq(scanResults.status, "scored")));
  const { value } = unwrap(await captureHold(env, ref.tenantId, row.holdId!, { quantity: scored?.count ?? 0, actorId: row.createdBy }));
  const [charged] = await db
    .update(scans)
    .set({ creditsCharged: -value.capture.credits, updatedAt: Date.now() })
    .where(where(ref))
    .returning();
  if (row.createdBy)
    await publishDomainEvents(env, [
      { type: "scan.completed", tenantId: ref.tenantId, actorId: row.createdBy, subject: ref.scanId, at: now },
    ]);
  log("info", "scan completed", {
    scanId: ref.scanId,
    tenantId: ref.tenantId,
    properties: row.propertyCount,
    scored: scored?.count ?? 0,
    credits: -value.capture.credits,
  });
  await publishProgress(env, charged!, { statusChanged: true });
  return charged!;
}

/** The workflow gave up: the hold goes back in full and the scan says why. */
export async function failScan(env: Env, ref: ScanRef, error: string): Promise<void> {
  const now = Date.now();
  const [row] = await database(env.DB)
    .update(scans)
    .set({ status: "failed", error: error.slice(0, 500), completedAt: now, updatedAt: now })
    .where(and(where(ref), inArray(scans.status, ACTIVE_STATUSES)))
    .returning();
  if (!row) return;
  if (row.holdId) unwrap(await releaseHold(env, ref.tenantId, row.holdId));
  log("warn", "scan failed", { scanId: ref.scanId, tenantId: ref.tenantId });
  await publishProgress(env, row, { statusChanged: true });
}

import { and, asc, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { log } from "../http/log";
import { tenantInfo } from "../team/tenant-info";
import { leadWriter } from "../leads/mutations";
import { toE164 } from "../leads/phone";
import { eventStatement, leads, tagStatements, type Actor, type LeadRow } from "../leads/rows";
import type { analyzeProperty } from "./analyze-property";
import { catalogFor, type Property } from "./catalog";
import type { ScanRef } from "./lifecycle";
import { findMatchingLeads } from "./lead-match";
import { publishProgress } from "./progress";
import { scanReader } from "./repository";
import { scanLeadInput } from "./scan-lead";
import { normalizeStreetAddress } from "./street-address";
import type { ScanResultRow } from "./views";

const { scans, scanResults } = tables;

export const BATCH_SIZE = 25;
// A Worker invocation has 6 simultaneous outgoing connections; each analysis uses one at a time.
const CONCURRENCY = 6;
const SCAN_ACTOR: Actor = { id: null, name: "Area scan" };

export type AnalyzeProperty = typeof analyzeProperty;
type Analysis = Awaited<ReturnType<AnalyzeProperty>>;
type Outcome = { property: Property; analysis: Analysis } | { property: Property | null; propertyId: string; error: string };

export interface BatchResult {
  /** The scan is no longer running (cancelled, failed): stop. */
  stopped: boolean;
  processed: number;
}

/**
 * Analyses the still-pending properties of batch `index` (BATCH_SIZE rows in property order)
 * and writes everything in one D1 batch: each result, its lead (new, or an existing lead of
 * the workspace matched by phone or address) and the scan's counters. A property whose
 * analysis fails is left pending and the batch throws, so the step retries just those; on the
 * step's last attempt it is recorded as failed and the others go on. Re-running a batch after
 * a crash finds its written rows no longer pending, so nothing is counted twice.
 */
export async function runBatch(
  env: Env,
  ref: ScanRef,
  index: number,
  analyze: AnalyzeProperty,
  options: { lastAttempt: boolean },
): Promise<BatchResult> {
  const scan = await scanReader(env, ref.tenantId).get(ref.scanId);
  if (scan?.status !== "running") return { stopped: true, processed: 0 };
  const db = database(env.DB);
  const slice = await db
    .select({ propertyId: scanResults.propertyId, status: scanResults.status })
    .from(scanResults)
    .where(and(eq(scanResults.tenantId, ref.tenantId), eq(scanResults.scanId, ref.scanId)))
    .orderBy(asc(scanResults.propertyId))
    .limit(BATCH_SIZE)
    .offset(index * BATCH_SIZE);
  const pending = slice.filter((r) => r.status === "pending").map((r) => r.propertyId);
  if (!pending.length) return { stopped: false, processed: 0 };

  const analysed = await analyzeAll(env, ref, pending, analyze);
  // Before the step's last attempt a failed analysis stays pending, so the retry runs it again.
  const retry = options.lastAttempt ? [] : analysed.filter((o) => "error" in o && o.property);
  const outcomes = analysed.filter((o) => !retry.includes(o));
  const { statements, rows, counts } = await resultWrites(env, ref, outcomes);
  await db.batch([
    db
      .update(scans)
      .set({
        processedCount: sql`${scans.processedCount} + ${rows.length}`,
        failedCount: sql`${scans.failedCount} + ${counts.failed}`,
        hotCount: sql`${scans.hotCount} + ${counts.hot}`,
        leadsCreated: sql`${scans.leadsCreated} + ${counts.created}`,
        leadsMatched: sql`${scans.leadsMatched} + ${counts.matched}`,
        updatedAt: Date.now(),
      })
      .where(and(eq(scans.tenantId, ref.tenantId), eq(scans.id, ref.scanId))),
    ...statements,
  ]);
  log("info", "scan batch done", {
    scanId: ref.scanId,
    tenantId: ref.tenantId,
    batch: index,
    processed: rows.length,
    failed: counts.failed,
    hot: counts.hot,
  });
  await publishProgress(env, scan, { results: rows });
  if (retry.length) throw new Error(`${retry.length} of ${pending.length} properties failed; trying them again.`);
  return { stopped: false, processed: rows.length };
}

async function analyzeAll(env: Env, ref: ScanRef, ids: string[], analyze: AnalyzeProperty): Promise<Outcome[]> {
  const catalog = catalogFor(env);
  const found = new Map((await catalog.propertiesByIds(ids).finally(() => catalog.close())).map((p) => [p.id, p]));
  const outcomes: Outcome[] = ids.map((id) => ({ property: null, propertyId: id, error: "The property is no longer in the catalog." }));
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ids.length; i = next++) {
      const property = found.get(ids[i]!);
      if (!property) continue;
      try {
        outcomes[i] = { property, analysis: await analyze(env, property) };
      } catch (err) {
        log("warn", "scan property failed", {
          scanId: ref.scanId,
          tenantId: ref.tenantId,
          propertyId: property.id,
          error: err instanceof Error ? err.name : "unknown",
        });
        outcomes[i] = {
          property,
          propertyId: property.id,
          error: (err instanceof Error ? err.message : String(err)).slice(0, 500) || "Analysis failed.",
        };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  return outcomes;
}

/** The statements that record a batch's outcomes, the rows as written, and what they add to the counters. */
async function resultWrites(env: Env, ref: ScanRef, outcomes: Outcome[]) {
  const db = database(env.DB);
  const tenant = await tenantInfo(env, ref.tenantId);
  const writer = leadWriter(env, tenant, SCAN_ACTOR);
  const scored = outcomes.filter((o): o is Extract<Outcome, { analysis: Analysis }> => "analysis" in o);
  const phones = scored.map((o) => (o.analysis.enrichment.phone ? toE164(o.analysis.enrichment.phone, tenant.country) : null));
  const matches = await findMatchingLeads(
    env,
    ref.tenantId,
    scored.map((o, i) => ({ phone: phones[i]!, address: o.property.address })),
  );
  // Leads created earlier in this batch, so two houses of one owner become one lead.
  const createdByPhone = new Map<string, LeadRow>();
  const createdByStreet = new Map<string, LeadRow>();

  const now = Date.now();
  const statements: BatchItem<"sqlite">[] = [];
  const rows: ScanResultRow[] = [];
  const counts = { failed: 0, hot: 0, created: 0, matched: 0 };
  for (const outcome of outcomes) {
    const base = {
      tenantId: ref.tenantId,
      scanId: ref.scanId,
      createdAt: now,
      lat: outcome.property?.lat ?? 0,
      lng: outcome.property?.lng ?? 0,
      address: outcome.property?.address ?? "",
    };
    let row: ScanResultRow;
    if (!("analysis" in outcome)) {
      counts.failed++;
      row = {
        ...base,
        propertyId: outcome.propertyId,
        status: "failed",
        score: null,
        hot: false,
        factorsJson: null,
        roofJson: null,
        enrichmentJson: null,
        imageKey: null,
        leadId: null,
        error: outcome.error,
      };
    } else {
      const { property, analysis } = outcome;
      const i = scored.indexOf(outcome);
      const street = normalizeStreetAddress(property.address);
      const existing = matches[i];
      let lead =
        existing ?? (phones[i] ? createdByPhone.get(phones[i]!) : undefined) ?? (street ? createdByStreet.get(street) : undefined) ?? null;
      if (lead) {
        counts.matched++;
        if (existing) await linkExistingLead(writer, existing, property);
      } else {
        lead = writer.buildRow(scanLeadInput({ property, ...analysis }, phones[i]!), now);
        counts.created++;
        if (lead.phone) createdByPhone.set(lead.phone, lead);
        if (street) createdByStreet.set(street, lead);
        statements.push(
          db.insert(leads).values(lead),
          ...tagStatements(db, ref.tenantId, lead.id, lead.tags, false),
          eventStatement(
            db,
            ref.tenantId,
            lead.id,
            "lead.created",
            SCAN_ACTOR,
            { source: "scan", scanId: ref.scanId, score: lead.score },
            now,
          ),
        );
      }
      if (analysis.score.hot) counts.hot++;
      row = {
        ...base,
        propertyId: property.id,
        status: "scored",
        score: Math.round(analysis.score.total),
        hot: analysis.score.hot,
        factorsJson: JSON.stringify(analysis.score.factors),
        roofJson: analysis.roof ? JSON.stringify(analysis.roof) : null,
        enrichmentJson: JSON.stringify(analysis.enrichment),
        imageKey: analysis.imageKey,
        leadId: lead.id,
        error: null,
      };
    }
    rows.push(row);
    const { tenantId, scanId, propertyId, ...values } = row;
    statements.push(
      db
        .update(scanResults)
        .set(values)
        .where(
          and(
            eq(scanResults.tenantId, tenantId),
            eq(scanResults.scanId, scanId),
            eq(scanResults.propertyId, propertyId),
            eq(scanResults.status, "pending"),
          ),
        ),
    );
  }
  return { statements, rows, counts };
}

/**
 * An existing lead at this property: it gets the scan's tag and the coordinates and postcode it
 * lacked, through the CRM's writer (re-scored, on its timeline). Repeating it changes nothing.
 */
async function linkExistingLead(writer: ReturnType<typeof leadWriter>, lead: LeadRow, property: Property): Promise<void> {
  const patch: Parameters<typeof writer.update>[1] = {};
  if (!lead.tags.includes("scan")) patch.tags = [...lead.tags, "scan"];
  if (lead.lat === null || lead.lng === null) Object.assign(patch, { lat: property.lat, lng: property.lng });
  if (!lead.postcode && property.postcode) patch.postcode = property.postcode;
  if (Object.keys(patch).length) await writer.update(lead.id, patch);
}

import { z } from "@hono/zod-openapi";
import type { Env } from "../env";
import type { tables } from "../db/client";
import { signedMediaUrl } from "../lib/signed-url";

export type ScanRow = typeof tables.scans.$inferSelect;
export type ScanResultRow = typeof tables.scanResults.$inferSelect;

export const SCAN_STATUSES = ["queued", "running", "completed", "cancelled", "failed"] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];
/** Statuses a scan can still leave: cancelling is allowed only from these. */
export const ACTIVE_STATUSES: ScanStatus[] = ["queued", "running"];

export const Scan = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(SCAN_STATUSES),
    polygon: z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(z.array(z.number()))) }),
    areaKm2: z.number(),
    propertyCount: z.number().int(),
    processedCount: z.number().int(),
    failedCount: z.number().int(),
    hotCount: z.number().int(),
    leadsCreated: z.number().int(),
    leadsMatched: z.number().int(),
    creditsHeld: z.number().int(),
    creditsCharged: z.number().int().nullable(),
    percent: z.number().int().min(0).max(100),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi("Scan");

const ScanFactor = z
  .object({ factor: z.string(), label: z.string(), value: z.string(), weight: z.number(), points: z.number() })
  .openapi("ScanScoreFactor");

export const ScanResult = z
  .object({
    propertyId: z.string(),
    status: z.enum(["scored", "failed"]),
    score: z.number().int().nullable(),
    hot: z.boolean(),
    factors: z.array(ScanFactor),
    roof: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: "Roof analysis: source, segments, areaM2, imageryDate, imageryQuality, condition, damage, confidence" }),
    enrichment: z.record(z.string(), z.unknown()).nullable().openapi({
      description: "Property and contact enrichment: source, yearBuilt, assessedValue, ownerOccupied, ownerName, phone, email, stormEvents",
    }),
    imageUrl: z.string().nullable().openapi({ description: "Signed, short-lived URL of the aerial image" }),
    leadId: z.string().nullable(),
    error: z.string().nullable(),
    lat: z.number(),
    lng: z.number(),
    address: z.string(),
  })
  .openapi("ScanResult");

export type ScanView = z.infer<typeof Scan>;
export type ScanResultView = z.infer<typeof ScanResult>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function percentOf(row: Pick<ScanRow, "status" | "processedCount" | "propertyCount">): number {
  if (row.status === "completed") return 100;
  return row.propertyCount ? Math.min(100, Math.floor((row.processedCount / row.propertyCount) * 100)) : 0;
}

export function scanJson(row: ScanRow): ScanView {
  return {
    id: row.id,
    name: row.name,
    status: row.status as ScanStatus,
    polygon: JSON.parse(row.polygon) as ScanView["polygon"],
    areaKm2: row.areaKm2,
    propertyCount: row.propertyCount,
    processedCount: row.processedCount,
    failedCount: row.failedCount,
    hotCount: row.hotCount,
    leadsCreated: row.leadsCreated,
    leadsMatched: row.leadsMatched,
    creditsHeld: row.creditsHeld,
    creditsCharged: row.creditsCharged,
    percent: percentOf(row),
    createdAt: iso(row.createdAt)!,
    startedAt: iso(row.startedAt),
    completedAt: iso(row.completedAt),
    error: row.error,
  };
}

const parsed = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** A processed result; the image URL is signed now, so it is valid for a while after this call. */
export async function scanResultJson(env: Env, row: ScanResultRow): Promise<ScanResultView> {
  return {
    propertyId: row.propertyId,
    status: row.status === "failed" ? "failed" : "scored",
    score: row.score,
    hot: row.hot,
    factors: parsed<ScanResultView["factors"]>(row.factorsJson) ?? [],
    roof: parsed(row.roofJson),
    enrichment: parsed(row.enrichmentJson),
    imageUrl: row.imageKey ? await signedMediaUrl(env, row.imageKey) : null,
    leadId: row.leadId,
    error: row.error,
    lat: row.lat,
    lng: row.lng,
    address: row.address,
  };
}

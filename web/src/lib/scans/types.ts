// The analysis' own types and the progress counts come from the Worker's pure type files.
import type { Enrichment } from "../../../../workers/providers/enrichment/provider";
import type { RoofAnalysis } from "../../../../workers/providers/roof/provider";
import type { StageCounts } from "../../../../workers/scans/stage-counts";
export type { Enrichment, RoofAnalysis, StageCounts };

/** Shapes of the area-scans API (workers/routes/scans.ts) and its /ws/scans/:id socket. */

export type Position = [number, number];
export interface PolygonGeometry {
  type: "Polygon";
  coordinates: Position[][];
}

export interface ScanEstimate {
  properties: number;
  credits: number;
  creditsPerProperty: number;
  areaKm2: number;
}

export type ScanStatus = "queued" | "running" | "completed" | "cancelled" | "failed";

export interface Scan {
  id: string;
  name: string;
  status: ScanStatus;
  polygon: PolygonGeometry;
  areaKm2: number;
  propertyCount: number;
  processedCount: number;
  failedCount: number;
  hotCount: number;
  leadsCreated: number;
  leadsMatched: number;
  creditsHeld: number;
  creditsCharged: number | null;
  percent: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  error: string | null;
}

export interface ScanFactor {
  factor: string;
  label: string;
  value: string;
  weight: number;
  points: number;
}

export interface ScanResult {
  propertyId: string;
  status: "scored" | "failed";
  score: number | null;
  hot: boolean;
  factors: ScanFactor[];
  roof: RoofAnalysis | null;
  enrichment: Enrichment | null;
  imageUrl: string | null;
  leadId: string | null;
  error: string | null;
  lat: number;
  lng: number;
  address: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type ScanMessage =
  | { type: "snapshot"; scan: Scan; hot: ScanResult[] }
  | { type: "progress"; scan: Scan; stages: StageCounts }
  | { type: "result"; result: ScanResult }
  | { type: "status"; status: ScanStatus };

export const isActive = (status: ScanStatus) => status === "queued" || status === "running";

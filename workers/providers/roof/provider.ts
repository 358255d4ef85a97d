import type { Property } from "../../scans/catalog/catalog";

export interface RoofSegment {
  pitchDegrees: number;
  azimuthDegrees: number;
  areaM2: number;
}

/** What the roof analysis found: geometry from the building model, condition from vision. */
export interface RoofAnalysis {
  source: string;
  segments: RoofSegment[];
  areaM2: number;
  /** Capture date of the imagery the analysis used (ISO date), if known. */
  imageryDate: string | null;
  imageryQuality: "HIGH" | "MEDIUM" | "BASE" | null;
  /** 0 (failing) – 100 (new), with what was seen and how sure. */
  condition: number | null;
  damage: string[];
  confidence: number | null;
}

export interface RoofAnalyzer {
  readonly name: string;
  /** Null when no building is found at the property (Solar NOT_FOUND). */
  analyze(property: Property, image: { bytes: Uint8Array; contentType: string } | null, signal?: AbortSignal): Promise<RoofAnalysis | null>;
}

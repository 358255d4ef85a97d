import type { Env } from "../env";
import { log } from "../http/log";
import { enrichmentProvider } from "../providers/enrichment";
import type { Enrichment } from "../providers/enrichment/provider";
import { imageryProvider } from "../providers/imagery";
import { roofAnalyzer } from "../providers/roof";
import type { RoofAnalysis } from "../providers/roof/provider";
import type { Property } from "./catalog/catalog";
import { storeImage } from "./imagery-store";
import { scoreRoofLead, type RoofLeadScore } from "./score/roof-lead-score";

export interface PropertyAnalysis {
  /** R2 key of the aerial image (content-addressed), null when the provider has no imagery there. */
  imageKey: string | null;
  /** Null when no building was found at the point. */
  roof: RoofAnalysis | null;
  enrichment: Enrichment;
  score: RoofLeadScore;
}

/**
 * One property of an area scan: imagery → R2 → roof analysis (with the image, for vision) →
 * enrichment → score. A provider failure throws: the workflow step retries it and records the
 * property as failed after its retries.
 */
export async function analyzeProperty(env: Env, property: Property, signal?: AbortSignal): Promise<PropertyAnalysis> {
  const started = Date.now();
  const imagery = imageryProvider(env);
  const image = await imagery.fetch(property, signal);
  const [imageKey, roof, enrichment] = await Promise.all([
    image ? storeImage(env.MEDIA, image) : null,
    roofAnalyzer(env).analyze(property, image, signal),
    enrichmentProvider(env).enrich(property, signal),
  ]);
  const score = scoreRoofLead({ property, roof, enrichment });
  log("info", "scan.property_analyzed", {
    propertyId: property.id,
    imagery: imagery.name,
    roof: roof?.source ?? null,
    enrichment: enrichment.source,
    score: score.total,
    hot: score.hot,
    ms: Date.now() - started,
  });
  return { imageKey, roof, enrichment, score };
}

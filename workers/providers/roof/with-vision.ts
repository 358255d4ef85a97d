import type { Property } from "../../scans/catalog/catalog";
import type { ClaudeRoofVision } from "./claude-vision";
import type { RoofAnalysis, RoofAnalyzer } from "./provider";

/** Geometry from one analyzer, condition from a vision assessment of the image: one analysis. */
export class RoofAnalyzerWithVision implements RoofAnalyzer {
  readonly name: string;

  constructor(
    private readonly geometry: RoofAnalyzer,
    private readonly vision: ClaudeRoofVision,
  ) {
    this.name = `${geometry.name}+${vision.name}`;
  }

  async analyze(
    property: Property,
    image: { bytes: Uint8Array; contentType: string } | null,
    signal?: AbortSignal,
  ): Promise<RoofAnalysis | null> {
    const analysis = await this.geometry.analyze(property, image, signal);
    // No building (nothing to judge) or no image (nothing to look at): the geometry stands alone.
    if (!analysis || !image) return analysis;
    const seen = await this.vision.assess(property, image, signal);
    return {
      ...analysis,
      source: `${analysis.source}+${this.vision.name}`,
      condition: seen.condition,
      damage: seen.damage,
      confidence: seen.confidence,
    };
  }
}

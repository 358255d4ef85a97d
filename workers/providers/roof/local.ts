import { stableUnit } from "../../lib/stable-hash";
import type { Property } from "../../scans/catalog/catalog";
import { ringAreaKm2 } from "../../scans/geo";
import { roofAgeYears, roofLifetimeYears } from "../../scans/roof-lifetime";
import type { RoofAnalysis, RoofAnalyzer } from "./provider";

const WEAR_BY_MATERIAL: Record<string, string[]> = {
  "asphalt shingle": ["granule loss", "curling shingles", "missing shingles", "moss and staining"],
  "wood shake": ["split shakes", "moss and staining", "cupping"],
  "flat membrane": ["ponding", "blistering", "seam separation"],
  metal: ["rust", "loose fasteners"],
};
const GENERIC_WEAR = ["cracked tiles", "staining", "patching"];
const FLAT = new Set(["flat membrane"]);

/**
 * Without Solar or vision: a deterministic estimate from the catalog's own attributes. Condition
 * falls with the share of the material's service life used up (± a little per-property
 * variety from a stable hash); geometry is a two-plane roof over the footprint. Low confidence,
 * and labelled "local-heuristic" wherever it shows.
 */
export class LocalRoofHeuristic implements RoofAnalyzer {
  readonly name = "local-heuristic";

  constructor(private readonly now = () => Date.now()) {}

  async analyze(property: Property): Promise<RoofAnalysis> {
    const unit = (salt: string) => stableUnit(`${property.id}:${salt}`);
    const age = roofAgeYears(property.yearBuilt, new Date(this.now()).getUTCFullYear()) ?? 20;
    const lifeUsed = age / roofLifetimeYears(property.roofMaterial);
    const condition = Math.round(Math.max(5, Math.min(98, 100 - 70 * lifeUsed + (unit("condition") - 0.5) * 16)));
    const wear = WEAR_BY_MATERIAL[property.roofMaterial ?? ""] ?? GENERIC_WEAR;
    const damageCount = condition < 35 ? 2 : condition < 55 ? 1 : 0;
    const damage = Array.from({ length: damageCount }, (_, i) => wear[Math.floor(unit(`damage${i}`) * wear.length + i) % wear.length]!);
    const flat = FLAT.has(property.roofMaterial ?? "");
    const pitch = flat ? 2 : Math.round(18 + unit("pitch") * 17);
    const footprintM2 = ringAreaKm2(property.footprint.coordinates[0] ?? []) * 1e6;
    const slopedArea = footprintM2 / Math.cos((pitch * Math.PI) / 180);
    const azimuth = Math.round(unit("azimuth") * 180);
    const segments = flat
      ? [{ pitchDegrees: pitch, azimuthDegrees: azimuth, areaM2: round1(slopedArea) }]
      : [azimuth, azimuth + 180].map((a) => ({ pitchDegrees: pitch, azimuthDegrees: a, areaM2: round1(slopedArea / 2) }));
    return {
      source: this.name,
      segments,
      areaM2: round1(slopedArea),
      imageryDate: null,
      imageryQuality: null,
      condition,
      damage: [...new Set(damage)],
      confidence: 0.35,
    };
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

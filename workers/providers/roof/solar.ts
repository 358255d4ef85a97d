import type { Property } from "../../scans/catalog/catalog";
import type { RoofAnalysis, RoofAnalyzer, RoofSegment } from "./provider";

interface BuildingInsights {
  imageryDate?: { year?: number; month?: number; day?: number };
  imageryQuality?: string;
  solarPotential?: {
    wholeRoofStats?: { areaMeters2?: number };
    roofSegmentStats?: { pitchDegrees?: number; azimuthDegrees?: number; stats?: { areaMeters2?: number } }[];
  };
}

const QUALITIES = new Set(["HIGH", "MEDIUM", "BASE"]);
const isNumber = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n);

/**
 * Google Solar API building insights: the roof's segments (pitch, azimuth, area), its whole
 * area and the date and quality of the imagery the model was built from. No building within
 * ~50 m of the point is NOT_FOUND, which is null here, not an error.
 */
export class SolarRoofAnalyzer implements RoofAnalyzer {
  readonly name = "google-solar";

  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "https://solar.googleapis.com",
  ) {}

  async analyze(property: Property, _image: unknown, signal?: AbortSignal): Promise<RoofAnalysis | null> {
    const query = new URLSearchParams({
      "location.latitude": String(property.lat),
      "location.longitude": String(property.lng),
      requiredQuality: "MEDIUM",
      key: this.apiKey,
    });
    const response = await fetch(`${this.baseUrl}/v1/buildingInsights:findClosest?${query}`, {
      signal: signal ?? AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => null)) as (BuildingInsights & { error?: { status?: string; message?: string } }) | null;
    if (response.status === 404 && body?.error?.status === "NOT_FOUND") return null;
    if (!response.ok) throw new Error(`Google Solar ${response.status}: ${body?.error?.status ?? ""} ${body?.error?.message ?? ""}`.trim());
    if (!body) throw new Error("Google Solar answered a body that is not JSON");
    return toRoofAnalysis(body, this.name);
  }
}

function toRoofAnalysis(insights: BuildingInsights, source: string): RoofAnalysis {
  const potential = insights.solarPotential;
  const area = potential?.wholeRoofStats?.areaMeters2;
  if (!potential || !isNumber(area) || !Array.isArray(potential.roofSegmentStats))
    throw new Error("Google Solar building insights lack solarPotential.wholeRoofStats or roofSegmentStats");
  const segments: RoofSegment[] = potential.roofSegmentStats.map((s, i) => {
    if (!isNumber(s.pitchDegrees) || !isNumber(s.azimuthDegrees) || !isNumber(s.stats?.areaMeters2))
      throw new Error(`Google Solar roof segment ${i} lacks pitch, azimuth or area`);
    return { pitchDegrees: s.pitchDegrees, azimuthDegrees: s.azimuthDegrees, areaM2: s.stats.areaMeters2 };
  });
  const { year, month, day } = insights.imageryDate ?? {};
  const imageryDate =
    isNumber(year) && isNumber(month) && isNumber(day) ? `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` : null;
  const quality = insights.imageryQuality ?? "";
  return {
    source,
    segments,
    areaM2: area,
    imageryDate,
    imageryQuality: QUALITIES.has(quality) ? (quality as RoofAnalysis["imageryQuality"]) : null,
    // Geometry only: condition comes from a vision assessment when one is configured.
    condition: null,
    damage: [],
    confidence: null,
  };
}

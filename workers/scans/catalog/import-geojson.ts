// GeoJSON building footprints → catalog properties. Each feature is checked on its own and its
// faults reported by index, so one bad building does not sink a file of thousands.
import type { PolygonGeometry } from "../geo";
import { unprocessable } from "../../http/problem";
import type { Property } from "./catalog";
import { centroidOf, largestPart, polygonFault } from "./footprint";

export const MAX_FEATURES = 20_000;

export interface FeatureError {
  /** Position of the feature in `features`. */
  index: number;
  message: string;
}

export interface ParsedFootprints {
  properties: Property[];
  errors: FeatureError[];
  /** Features whose external id an earlier feature of the file already had (the first is kept). */
  duplicates: { index: number; id: string; firstIndex: number }[];
  /** The file's licence or attribution text (e.g. ODbL for OpenStreetMap), to keep with the data. */
  attribution: string | null;
}

type Attributes = Record<string, unknown>;

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() ? value.trim() : typeof value === "number" && Number.isFinite(value) ? String(value) : null;
const first = (attrs: Attributes, keys: string[]) => keys.map((k) => text(attrs[k])).find((v) => v !== null) ?? null;

/** The four-digit year of "1987", 1987 or OSM's start_date "1987-05". */
function year(attrs: Attributes): number | null {
  const match = /^(\d{4})/.exec(first(attrs, ["yearBuilt", "year_built", "start_date", "building:year"]) ?? "");
  const value = match ? Number(match[1]) : NaN;
  return value >= 1600 && value <= new Date().getUTCFullYear() ? value : null;
}

function dollars(attrs: Attributes): number | null {
  const value = Number((first(attrs, ["value", "assessedValue", "assessed_value"]) ?? "").replace(/[$,\s]/g, ""));
  return Number.isFinite(value) && value > 0 ? Math.round(value) : null;
}

function yesNo(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  const word = text(value)?.toLowerCase() ?? "";
  return ["yes", "true", "1", "y"].includes(word) ? true : ["no", "false", "0", "n"].includes(word) ? false : null;
}

/** "12 Oak St, Austin, TX" from address fields or OSM's addr:* tags. */
function address(attrs: Attributes): string | null {
  const whole = first(attrs, ["address", "addr:full"]);
  if (whole) return whole;
  const street = [first(attrs, ["addr:housenumber"]), first(attrs, ["addr:street"])].filter(Boolean).join(" ");
  const parts = [street, first(attrs, ["addr:city"]), first(attrs, ["addr:state"])].filter(Boolean);
  return street ? parts.join(", ") : null;
}

/** The feature's own id (GeoJSON `id`, OSM `@id`, or an `id` property), else a hash of its geometry. */
async function externalId(feature: { id?: unknown }, attrs: Attributes, polygons: PolygonGeometry[], source: string): Promise<string> {
  const own = text(feature.id) ?? first(attrs, ["@id", "id"]);
  if (own) return `${source}:${own}`;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(polygons.map((p) => p.coordinates))));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${source}:geom-${hex}`;
}

/** Drops elevations: the catalog is 2D. */
const flat = (rings: unknown): PolygonGeometry => ({
  type: "Polygon",
  coordinates: (rings as number[][][]).map((ring) => ring.map(([lng, lat]) => [lng!, lat!])),
});

function polygonsOf(geometry: unknown): PolygonGeometry[] | string {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== "object") return "has no geometry";
  if (g.type === "Polygon") {
    const fault = polygonFault(g.coordinates);
    return fault ?? [flat(g.coordinates)];
  }
  if (g.type === "MultiPolygon") {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return "a MultiPolygon needs at least one polygon";
    const polygons: PolygonGeometry[] = [];
    for (const [i, rings] of g.coordinates.entries()) {
      const fault = polygonFault(rings);
      if (fault) return `part ${i + 1}: ${fault}`;
      polygons.push(flat(rings));
    }
    return polygons;
  }
  return `has a ${typeof g.type === "string" ? g.type : "missing"} geometry; footprints are Polygon or MultiPolygon`;
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/**
 * Parses a FeatureCollection of footprints. `source` namespaces the external ids (so two
 * files' "way/1" never collide). Throws a 422 problem when the document itself is not usable.
 */
export async function parseFootprints(input: unknown, source: string): Promise<ParsedFootprints> {
  const doc = input as { type?: unknown; features?: unknown; attribution?: unknown; copyright?: unknown; license?: unknown } | null;
  if (!doc || typeof doc !== "object" || doc.type !== "FeatureCollection" || !Array.isArray(doc.features))
    throw unprocessable("Send a GeoJSON FeatureCollection with a features array.", { code: "not_feature_collection" });
  if (doc.features.length > MAX_FEATURES)
    throw unprocessable(`The file has ${doc.features.length} features; at most ${MAX_FEATURES} can be imported at once.`, {
      code: "too_many_features",
      maxFeatures: MAX_FEATURES,
    });

  const result: ParsedFootprints = {
    properties: [],
    errors: [],
    duplicates: [],
    attribution: text(doc.attribution) ?? text(doc.copyright) ?? text(doc.license),
  };
  const seen = new Map<string, number>();
  for (const [index, raw] of doc.features.entries()) {
    const feature = raw as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown } | null;
    if (feature?.type !== "Feature") {
      result.errors.push({ index, message: "is not a GeoJSON Feature" });
      continue;
    }
    const polygons = polygonsOf(feature.geometry);
    if (typeof polygons === "string") {
      result.errors.push({ index, message: polygons });
      continue;
    }
    const attrs = (feature.properties && typeof feature.properties === "object" ? feature.properties : {}) as Attributes;
    const id = await externalId(feature, attrs, polygons, source);
    const firstIndex = seen.get(id);
    if (firstIndex !== undefined) {
      result.duplicates.push({ index, id, firstIndex });
      continue;
    }
    seen.set(id, index);
    const [lng, lat] = centroidOf(polygons).map(round7) as [number, number];
    result.properties.push({
      id,
      lat,
      lng,
      footprint: largestPart(polygons),
      yearBuilt: year(attrs),
      roofMaterial: first(attrs, ["roofMaterial", "roof_material", "roof:material"]),
      value: dollars(attrs),
      ownerOccupied: yesNo(attrs.ownerOccupied ?? attrs.owner_occupied),
      ownerName: first(attrs, ["ownerName", "owner_name", "owner"]),
      // The catalog needs an address to show; a footprint without one is named by its position.
      address: address(attrs) ?? `${lat.toFixed(5)}, ${lng.toFixed(5)}`,
      postcode: first(attrs, ["postcode", "zip", "addr:postcode"]),
    });
  }
  return result;
}

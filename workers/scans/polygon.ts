import { unprocessable } from "../http/problem";
import { ringAreaKm2, selfIntersection, type PolygonGeometry, type Position } from "./geo";

export const MAX_VERTICES = 500;
export const DEFAULT_MAX_AREA_KM2 = 5;

/** SCAN_MAX_AREA_KM2 when it is a positive number, otherwise the default. */
export function maxAreaKm2(setting: string | undefined): number {
  const value = Number(setting);
  return setting && Number.isFinite(value) && value > 0 ? value : DEFAULT_MAX_AREA_KM2;
}

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  p.length >= 2 &&
  p.length <= 3 &&
  p.every((n) => typeof n === "number" && Number.isFinite(n)) &&
  Math.abs(p[0]) <= 180 &&
  Math.abs(p[1]) <= 90;

/**
 * A scan area: a GeoJSON Polygon with one closed, simple outer ring (holes are not supported),
 * at most MAX_VERTICES vertices and at most `maxKm2` in area. Throws a 422 problem naming the fault.
 */
export function validateScanPolygon(input: unknown, maxKm2: number): PolygonGeometry {
  const fail = (detail: string, code: string, extra: Record<string, unknown> = {}) => unprocessable(detail, { code, ...extra });
  if (typeof input !== "object" || input === null || (input as { type?: unknown }).type !== "Polygon")
    throw fail("The area must be a GeoJSON Polygon.", "not_polygon");
  const rings = (input as { coordinates?: unknown }).coordinates;
  if (!Array.isArray(rings) || rings.length === 0) throw fail("The polygon needs coordinates: an array with one ring.", "no_coordinates");
  if (rings.length > 1) throw fail("Polygons with holes are not supported: send one ring.", "holes");
  const ring = rings[0];
  if (!Array.isArray(ring) || !ring.every(isPosition)) throw fail("Every vertex must be [longitude, latitude] in degrees.", "bad_position");
  if (ring.length < 4) throw fail("A ring needs at least 3 distinct vertices and the first repeated at the end.", "too_few_vertices");
  const first = ring[0]!,
    last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1])
    throw fail("The ring is not closed: its last vertex must equal its first.", "not_closed");
  const vertices = ring.length - 1;
  if (vertices > MAX_VERTICES)
    throw fail(`The ring has ${vertices} vertices; at most ${MAX_VERTICES} are allowed.`, "too_many_vertices", {
      vertices,
      maxVertices: MAX_VERTICES,
    });
  const positions = ring.map(([lng, lat]) => [lng, lat] as Position);
  const crossing = selfIntersection(positions);
  if (crossing)
    throw fail(`The ring intersects itself (edges ${crossing[0] + 1} and ${crossing[1] + 1}).`, "self_intersecting", { edges: crossing });
  const areaKm2 = ringAreaKm2(positions);
  if (areaKm2 === 0) throw fail("The polygon has no area.", "empty");
  if (areaKm2 > maxKm2)
    throw fail(`The area is ${areaKm2.toFixed(2)} km²; at most ${maxKm2} km² can be scanned at once.`, "too_large", {
      areaKm2: Number(areaKm2.toFixed(3)),
      maxAreaKm2: maxKm2,
    });
  return { type: "Polygon", coordinates: [positions] };
}

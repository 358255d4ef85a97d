// Building footprints from GeoJSON: ring checks and the point a property is found by (its
// centroid). Planar maths on [lng, lat] — fine at building scale.
import { ringAreaKm2, selfIntersection, type PolygonGeometry, type Position } from "../geo";

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  p.length >= 2 &&
  p.length <= 3 &&
  p.every((n) => typeof n === "number" && Number.isFinite(n)) &&
  Math.abs(p[0]) <= 180 &&
  Math.abs(p[1]) <= 90;

/** Why `rings` (a GeoJSON Polygon's coordinates) is not a usable footprint, or null when it is. */
export function polygonFault(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return "a polygon needs at least one ring";
  for (const [i, ring] of rings.entries()) {
    const name = i === 0 ? "the outer ring" : `hole ${i}`;
    if (!Array.isArray(ring) || !ring.every(isPosition)) return `${name} has a position that is not [longitude, latitude]`;
    if (ring.length < 4) return `${name} has fewer than 4 positions`;
    const first = ring[0]!,
      last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) return `${name} is not closed`;
    if (selfIntersection(ring.map(([lng, lat]) => [lng, lat] as Position))) return `${name} intersects itself`;
    if (i === 0 && ringAreaKm2(ring) === 0) return "the outer ring has no area";
  }
  return null;
}

/** Signed planar area (shoelace) and area-weighted centroid of a closed ring. */
function ringMoments(ring: Position[]): { area: number; cx: number; cy: number } {
  // Relative to the first vertex, so tiny buildings keep their precision far from 0,0.
  const [x0, y0] = ring[0]!;
  let twice = 0,
    cx = 0,
    cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const x1 = ring[i]![0] - x0,
      y1 = ring[i]![1] - y0,
      x2 = ring[i + 1]![0] - x0,
      y2 = ring[i + 1]![1] - y0;
    const cross = x1 * y2 - x2 * y1;
    twice += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return { area: twice / 2, cx: x0 + cx / (3 * twice), cy: y0 + cy / (3 * twice) };
}

const outerArea = (polygon: PolygonGeometry) => Math.abs(ringMoments(polygon.coordinates[0]!).area);

/** The area-weighted centroid of valid polygons (holes subtracted), as [lng, lat]. */
export function centroidOf(polygons: PolygonGeometry[]): Position {
  let total = 0,
    x = 0,
    y = 0;
  for (const polygon of polygons) {
    for (const [i, ring] of polygon.coordinates.entries()) {
      const m = ringMoments(ring);
      const weight = Math.abs(m.area) * (i === 0 ? 1 : -1);
      total += weight;
      x += m.cx * weight;
      y += m.cy * weight;
    }
  }
  return [x / total, y / total];
}

/** The part a multi-part building is stored with (the catalog keeps one polygon a property). */
export const largestPart = (polygons: PolygonGeometry[]): PolygonGeometry =>
  polygons.reduce((best, p) => (outerArea(p) > outerArea(best) ? p : best));

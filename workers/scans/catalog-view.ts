import { unprocessable } from "../http/problem";
import type { Property } from "./catalog";
import { ringAreaKm2, type PolygonGeometry } from "./geo";

/** The largest view the map may ask buildings for: beyond it the map asks the user to zoom in. */
export const CATALOG_VIEW_MAX_KM2 = 25;
/** More buildings than this in one view are cut (the response says so). */
export const CATALOG_VIEW_LIMIT = 4000;

/** "west,south,east,north" → its rectangle, refused (422) when it is not one or is too large to draw. */
export function viewPolygon(bbox: string): PolygonGeometry {
  const [west, south, east, north] = bbox.split(",").map(Number) as [number, number, number, number];
  if (!(west >= -180 && east <= 180 && south >= -90 && north <= 90 && west < east && south < north)) {
    throw unprocessable("bbox must be west,south,east,north in degrees, with west < east and south < north.", { code: "invalid_bbox" });
  }
  const polygon: PolygonGeometry = {
    type: "Polygon",
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
  if (ringAreaKm2(polygon.coordinates[0]!) > CATALOG_VIEW_MAX_KM2)
    throw unprocessable(`The view is larger than ${CATALOG_VIEW_MAX_KM2} km²: zoom in to see buildings.`, { code: "view_too_large" });
  return polygon;
}

/** Catalog buildings as GeoJSON footprints for the map, so a user sees where the roofs are before drawing. */
export function footprintCollection(properties: Property[]) {
  return {
    type: "FeatureCollection" as const,
    truncated: properties.length > CATALOG_VIEW_LIMIT,
    features: properties.slice(0, CATALOG_VIEW_LIMIT).map((p) => ({
      type: "Feature" as const,
      geometry: p.footprint,
      properties: { id: p.id, yearBuilt: p.yearBuilt, roofMaterial: p.roofMaterial },
    })),
  };
}

import { bboxAround, bboxOf, distanceMetres, pointInPolygon, type BBox, type PolygonGeometry, type Position } from "../geo";
import { PARAM_CHUNK } from "../../leads/rows";
import { byId, toProperty, type Property, type PropertyCatalog, type PropertyRow } from "./catalog";

/** D1 returns REAL columns as numbers. */
type D1PropertyRow = PropertyRow & { lat: number; lng: number };

const COLUMNS =
  "p.external_id, p.lat, p.lng, p.footprint, p.year_built, p.roof_material, p.value, p.owner_occupied, p.owner_name, p.address, p.postcode";

/** The catalog on D1: rtree bounding-box candidates, then the exact test in the Worker. */
export function d1Catalog(db: D1Database): PropertyCatalog {
  // rtree stores 32-bit floats rounded outwards, so candidates are the boxes overlapping the query box.
  async function candidates<T>(box: BBox, columns: string): Promise<T[]> {
    const { results } = await db
      .prepare(
        `SELECT ${columns} FROM properties_rtree r JOIN properties p ON p.id = r.id WHERE r.max_lng >= ?1 AND r.min_lng <= ?2 AND r.max_lat >= ?3 AND r.min_lat <= ?4`,
      )
      .bind(box.minLng, box.maxLng, box.minLat, box.maxLat)
      .all<T>();
    return results;
  }
  const outer = (polygon: PolygonGeometry) => polygon.coordinates[0] ?? [];

  return {
    kind: "d1",
    async propertiesInPolygon(polygon) {
      const rows = await candidates<D1PropertyRow>(bboxOf(outer(polygon)), COLUMNS);
      return rows
        .filter((r) => pointInPolygon([r.lng, r.lat], polygon))
        .map(toProperty)
        .sort(byId);
    },
    async countInPolygon(polygon) {
      const rows = await candidates<{ lat: number; lng: number }>(bboxOf(outer(polygon)), "p.lat, p.lng");
      return rows.filter((r) => pointInPolygon([r.lng, r.lat], polygon)).length;
    },
    async propertiesByIds(ids) {
      const rows: D1PropertyRow[] = [];
      for (let i = 0; i < ids.length; i += PARAM_CHUNK) {
        const chunk = ids.slice(i, i + PARAM_CHUNK);
        const { results } = await db
          .prepare(`SELECT ${COLUMNS} FROM properties p WHERE p.external_id IN (${chunk.map(() => "?").join(",")})`)
          .bind(...chunk)
          .all<D1PropertyRow>();
        rows.push(...results);
      }
      return rows.map(toProperty).sort(byId);
    },
    async propertiesWithinRadius(point: Position, metres: number) {
      const rows = await candidates<D1PropertyRow>(bboxAround(point, metres), COLUMNS);
      return rows
        .filter((r) => distanceMetres(point, [r.lng, r.lat]) <= metres)
        .map(toProperty)
        .sort(byId);
    },
    close: async () => {},
  };
}

/** Statements that add properties (an existing external id is left as it is) with their rtree entries. */
export function d1PropertyStatements(db: D1Database, properties: Property[]): D1PreparedStatement[] {
  return properties.flatMap((p) => [
    db
      .prepare(
        "INSERT OR IGNORE INTO properties (external_id, lat, lng, footprint, year_built, roof_material, value, owner_occupied, owner_name, address, postcode) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
      )
      .bind(
        p.id,
        p.lat,
        p.lng,
        JSON.stringify(p.footprint),
        p.yearBuilt,
        p.roofMaterial,
        p.value,
        p.ownerOccupied === null ? null : p.ownerOccupied ? 1 : 0,
        p.ownerName,
        p.address,
        p.postcode,
      ),
    db.prepare("INSERT OR REPLACE INTO properties_rtree SELECT id, lng, lng, lat, lat FROM properties WHERE external_id = ?1").bind(p.id),
  ]);
}

export async function insertD1Properties(db: D1Database, properties: Property[], chunk = 500): Promise<void> {
  for (let i = 0; i < properties.length; i += chunk) await db.batch(d1PropertyStatements(db, properties.slice(i, i + chunk)));
}

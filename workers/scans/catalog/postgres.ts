import type { Sql } from "postgres";
import type { PolygonGeometry, Position } from "../geo";
import { toProperty, type PropertyCatalog, type PropertyRow } from "./catalog";

/**
 * The catalog on PostGIS (schema/pg/migrations): GIST-indexed geometry, ST_Within for areas,
 * ST_DWithin on geography (sphere) for radii.
 */
export function postgresCatalog(sql: Sql): PropertyCatalog {
  const select = (where: ReturnType<Sql>) => sql<PropertyRow[]>`
    SELECT external_id, ST_Y(location) AS lat, ST_X(location) AS lng, ST_AsGeoJSON(footprint, 15) AS footprint,
           year_built, roof_material, value, owner_occupied, owner_name, address, postcode
    FROM properties WHERE ${where} ORDER BY external_id COLLATE "C"`;
  const area = (polygon: PolygonGeometry) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(polygon)}), 4326)`;

  return {
    kind: "postgres",
    async propertiesInPolygon(polygon) {
      return (await select(sql`ST_Within(location, ${area(polygon)})`)).map(toProperty);
    },
    async countInPolygon(polygon) {
      const [row] = await sql<{ n: string }[]>`SELECT count(*)::text AS n FROM properties WHERE ST_Within(location, ${area(polygon)})`;
      return Number(row?.n ?? 0);
    },
    async propertiesByIds(ids) {
      return ids.length ? (await select(sql`external_id IN ${sql(ids)}`)).map(toProperty) : [];
    },
    async propertiesWithinRadius([lng, lat]: Position, metres: number) {
      const center = sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)::geography`;
      return (await select(sql`ST_DWithin(location::geography, ${center}, ${metres}::float8, false)`)).map(toProperty);
    },
    close: () => sql.end(),
  };
}

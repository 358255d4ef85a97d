// Adds properties to the Postgres catalog (an existing external id is left as it is). Only type
// imports, so the Node seed script can load it too.
import type { Sql } from "postgres";
import type { Property } from "./catalog";

export async function insertPgProperties(sql: Sql, properties: Property[], chunk = 1_000): Promise<void> {
  for (let i = 0; i < properties.length; i += chunk) {
    const rows = properties.slice(i, i + chunk).map((p) => ({ ...p, footprint: JSON.stringify(p.footprint) }));
    await sql`
      INSERT INTO properties (external_id, location, footprint, year_built, roof_material, value, owner_occupied, owner_name, address, postcode)
      SELECT t.id, ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326), ST_SetSRID(ST_GeomFromGeoJSON(t.footprint), 4326),
             t."yearBuilt", t."roofMaterial", t.value, t."ownerOccupied", t."ownerName", t.address, t.postcode
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) AS t(id text, lat float8, lng float8, footprint text, "yearBuilt" int,
           "roofMaterial" text, value bigint, "ownerOccupied" boolean, "ownerName" text, address text, postcode text)
      ON CONFLICT (external_id) DO NOTHING`;
  }
}

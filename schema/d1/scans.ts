// Area scans. The property catalog is shared reference data (not tenant-owned): fictitious sample
// properties locally, imported footprints in production. Its rtree index (properties_rtree:
// id, min_lng, max_lng, min_lat, max_lat) is a custom migration; writers fill both tables.
import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const properties = sqliteTable(
  "properties",
  {
    // Integer, because it is the rtree's key.
    id: integer("id").primaryKey(),
    externalId: text("external_id").notNull().unique(),
    lat: real("lat").notNull(),
    lng: real("lng").notNull(),
    // GeoJSON Polygon of the building footprint.
    footprint: text("footprint").notNull(),
    yearBuilt: integer("year_built"),
    roofMaterial: text("roof_material"),
    // Assessed value in whole US dollars.
    value: integer("value"),
    ownerOccupied: integer("owner_occupied", { mode: "boolean" }),
    ownerName: text("owner_name"),
    address: text("address").notNull(),
    postcode: text("postcode"),
  },
  (t) => [index("properties_postcode_idx").on(t.postcode)],
);

// Area scans. The property catalog is shared reference data (not tenant-owned): fictitious sample
// properties locally, imported footprints in production. Its rtree index (properties_rtree:
// id, min_lng, max_lng, min_lat, max_lat) is a custom migration; writers fill both tables.
import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { tenants, users } from "./tables";

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

// One area scan: the drawn polygon, its hold, its progress counters and the workflow running it.
export const scans = sqliteTable(
  "scans",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    // queued | running | completed | cancelled | failed
    status: text("status").notNull(),
    // GeoJSON Polygon as drawn (validated).
    polygon: text("polygon").notNull(),
    areaKm2: real("area_km2").notNull(),
    propertyCount: integer("property_count").notNull(),
    processedCount: integer("processed_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    hotCount: integer("hot_count").notNull().default(0),
    leadsCreated: integer("leads_created").notNull().default(0),
    leadsMatched: integer("leads_matched").notNull().default(0),
    creditsHeld: integer("credits_held").notNull(),
    creditsCharged: integer("credits_charged"),
    holdId: text("hold_id"),
    workflowId: text("workflow_id"),
    error: text("error"),
    createdAt: integer("created_at").notNull(),
    startedAt: integer("started_at"),
    completedAt: integer("completed_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("scans_tenant_recent").on(t.tenantId, t.createdAt)],
);

// One row per property of a scan: its outcome, explainable score and the lead it became.
export const scanResults = sqliteTable(
  "scan_results",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    scanId: text("scan_id")
      .notNull()
      .references(() => scans.id, { onDelete: "cascade" }),
    // The catalog's external id.
    propertyId: text("property_id").notNull(),
    // scored | failed
    status: text("status").notNull(),
    score: integer("score"),
    // The analysis' verdict (score at or above its hot threshold), kept so lists can filter on it.
    hot: integer("hot", { mode: "boolean" }).notNull().default(false),
    // [{factor, label, value, weight, points}] — the score's explanation.
    factorsJson: text("factors_json"),
    // Roof analysis (segments, pitch, area, imagery date, condition, damage, confidence, source).
    roofJson: text("roof_json"),
    // Property + contact enrichment (year built, value, owner, phone/email when found, source).
    enrichmentJson: text("enrichment_json"),
    // R2 key of the aerial image (content-addressed, shared across scans).
    imageKey: text("image_key"),
    leadId: text("lead_id"),
    error: text("error"),
    lat: real("lat").notNull(),
    lng: real("lng").notNull(),
    address: text("address").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scanId, t.propertyId] }), index("scan_results_tenant_scan_score").on(t.tenantId, t.scanId, t.score)],
);

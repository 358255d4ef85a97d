import postgres, { type Sql } from "postgres";
import type { Env } from "../../env";
import type { PropertyCatalog } from "./catalog";
import { d1Catalog } from "./d1";
import { postgresCatalog } from "./postgres";

export type { Property, PropertyCatalog } from "./catalog";

/** A connection to the PostGIS catalog when PG_ENABLED=true and PG is bound (end it after use). */
export function catalogSql(env: Env): Sql | null {
  // Hyperdrive pools connections; one per request is its recommended pattern.
  return env.PG_ENABLED === "true" && env.PG ? postgres(env.PG.connectionString, { fetch_types: false, max: 1, prepare: true }) : null;
}

/** PostGIS through Hyperdrive when configured; the D1 catalog otherwise. */
export function catalogFor(env: Env): PropertyCatalog {
  const sql = catalogSql(env);
  return sql ? postgresCatalog(sql) : d1Catalog(env.DB);
}

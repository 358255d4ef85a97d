import postgres from "postgres";
import type { Env } from "../../env";
import type { PropertyCatalog } from "./catalog";
import { d1Catalog } from "./d1";
import { postgresCatalog } from "./postgres";

export type { Property, PropertyCatalog } from "./catalog";

/** PostGIS through Hyperdrive when PG_ENABLED=true and PG is bound; the D1 catalog otherwise. */
export function catalogFor(env: Env): PropertyCatalog {
  if (env.PG_ENABLED === "true" && env.PG) {
    // Hyperdrive pools connections; one per request is its recommended pattern.
    return postgresCatalog(postgres(env.PG.connectionString, { fetch_types: false, max: 1, prepare: true }));
  }
  return d1Catalog(env.DB);
}

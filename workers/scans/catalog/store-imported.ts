import type { Env } from "../../env";
import type { Property } from "./catalog";
import { d1PropertyStatements } from "./d1";
import { catalogSql } from "./index";
import { insertPgProperties } from "./pg-writer";

const PROPERTIES_PER_BATCH = 250; // two statements each

/**
 * Adds imported properties to D1 (always: the fallback catalog) and to PostGIS when it is
 * configured. A property whose external id is already there is left as it is, so re-running
 * an import is harmless. Counts come from D1.
 */
export async function storeImportedProperties(env: Env, properties: Property[]): Promise<{ created: number; existing: number }> {
  let created = 0;
  for (let i = 0; i < properties.length; i += PROPERTIES_PER_BATCH) {
    const results = await env.DB.batch(d1PropertyStatements(env.DB, properties.slice(i, i + PROPERTIES_PER_BATCH)));
    // Even statements are the INSERT OR IGNOREs: one change when the property is new.
    created += results.filter((_, n) => n % 2 === 0).reduce((sum, r) => sum + (r.meta.changes ?? 0), 0);
  }
  const sql = catalogSql(env);
  if (sql) {
    try {
      await insertPgProperties(sql, properties);
    } finally {
      await sql.end();
    }
  }
  return { created, existing: properties.length - created };
}

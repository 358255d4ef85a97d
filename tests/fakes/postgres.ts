import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { migratePg } from "../../schema/pg/migrate";

// The Node build: the resolver of the global setup would pick the workerd one (cloudflare:sockets).
const postgres = createRequire(import.meta.url)("postgres") as typeof import("postgres");

/**
 * A throwaway database (homeline_test_<random>) with PostGIS and the catalog schema, when
 * Postgres answers on 127.0.0.1:5432 (or HOMELINE_TEST_PG_ADMIN_URL) with PostGIS available;
 * otherwise undefined. `drop()` removes the database.
 */
export async function startTestPostgres(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const adminUrl = process.env.HOMELINE_TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    const [postgis] = await admin`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`;
    if (!postgis) throw new Error("PostGIS is not installed");
  } catch {
    await admin.end({ timeout: 1 }).catch(() => {});
    return undefined;
  }
  const name = `homeline_test_${randomBytes(6).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await migratePg(db);
  } finally {
    await db.end();
  }
  return {
    url: url.toString(),
    async drop() {
      // FORCE: connections the test isolates left open end with the database.
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

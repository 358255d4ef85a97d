// Seeds the sample property catalog (scripts/lib/property-generator.ts) into the local D1 and
// into Postgres. Both are idempotent: properties already there (same external id) are kept.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateProperties, SAMPLE_COUNT } from "./property-generator.ts";
import { literal } from "./seed-sql.mjs";
import { insertPgProperties } from "../../workers/scans/catalog/pg-writer.ts";

const ROWS_PER_INSERT = 100; // ≈ 45 KB a statement, under D1's 100 KB limit
const COLUMNS = "external_id, lat, lng, footprint, year_built, roof_material, value, owner_occupied, owner_name, address, postcode";

/** INSERT statements for D1: the rows, then the rtree entries of every property whose id starts with `idPrefix`. */
export function d1PropertySql(properties, idPrefix = "sample-austin-") {
  const statements = [];
  for (let i = 0; i < properties.length; i += ROWS_PER_INSERT) {
    const values = properties
      .slice(i, i + ROWS_PER_INSERT)
      .map(
        (p) =>
          `(${[p.id, p.lat, p.lng, p.footprint, p.yearBuilt, p.roofMaterial, p.value, p.ownerOccupied, p.ownerName, p.address, p.postcode].map(literal).join(", ")})`,
      );
    statements.push(`INSERT OR IGNORE INTO properties (${COLUMNS}) VALUES ${values.join(",\n")};`);
  }
  statements.push(
    `INSERT OR REPLACE INTO properties_rtree SELECT id, lng, lng, lat, lat FROM properties WHERE external_id LIKE ${literal(`${idPrefix}%`)};`,
  );
  return statements;
}

/** The sample neighbourhood into the local D1, unless all of it is there already. */
export async function seedSampleProperties(d1, { log = () => {} } = {}) {
  const [row] = await d1.query("SELECT count(*) AS n FROM properties WHERE external_id LIKE 'sample-austin-%'");
  if (row.n >= SAMPLE_COUNT) return { created: false, properties: row.n };
  log(`Seeding ${SAMPLE_COUNT.toLocaleString("en-US")} sample properties around Austin, TX…`);
  const dir = await mkdtemp(join(tmpdir(), "homeline-properties-"));
  try {
    const file = join(dir, "properties.sql");
    await writeFile(file, d1PropertySql(generateProperties()).join("\n"));
    await d1.executeFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { created: true, properties: SAMPLE_COUNT };
}

/** The sample neighbourhood into Postgres (postgres.js `sql`, migrated). */
export async function seedPgSampleProperties(sql) {
  await insertPgProperties(sql, generateProperties());
  const [row] = await sql`SELECT count(*)::int AS n FROM properties WHERE external_id LIKE 'sample-austin-%'`;
  return row.n;
}

// Applies schema/pg/migrations/*.sql in name order, each once, each in a transaction; records
// them in pg_migrations. Plain TypeScript with no relative imports: Node runs it directly.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Sql } from "postgres";

export const PG_MIGRATIONS_DIR = join(import.meta.dirname, "migrations");

export async function migratePg(sql: Sql, dir = PG_MIGRATIONS_DIR): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS pg_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
  const done = new Set((await sql<{ name: string }[]>`SELECT name FROM pg_migrations`).map((r) => r.name));
  const applied: string[] = [];
  for (const name of (await readdir(dir)).filter((f) => f.endsWith(".sql")).sort()) {
    if (done.has(name)) continue;
    const text = await readFile(join(dir, name), "utf8");
    await sql.begin(async (tx) => {
      await tx.unsafe(text);
      await tx`INSERT INTO pg_migrations (name) VALUES (${name})`;
    });
    applied.push(name);
  }
  return applied;
}

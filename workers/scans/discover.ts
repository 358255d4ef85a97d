import type { BatchItem } from "drizzle-orm/batch";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { catalogFor } from "./catalog";
import type { PolygonGeometry } from "./geo";
import { markRunning, type ScanRef } from "./lifecycle";

const { scanResults } = tables;

// 9 bound values per row under D1's 100; statements go to D1 in batches of 50.
const ROWS_PER_STATEMENT = 11;
const STATEMENTS_PER_BATCH = 50;

/**
 * The scan's properties become "pending" result rows (in D1, not in the workflow's step
 * results, which are capped at 1 MiB) and the scan starts running. Repeating it adds nothing:
 * rows are keyed by (scan, property). Returns how many properties there are, or null when the
 * scan was cancelled before it started.
 */
export async function discoverProperties(env: Env, ref: ScanRef, polygon: PolygonGeometry): Promise<number | null> {
  const catalog = catalogFor(env);
  const properties = await catalog.propertiesInPolygon(polygon).finally(() => catalog.close());
  const db = database(env.DB);
  const now = Date.now();
  const statements: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < properties.length; i += ROWS_PER_STATEMENT) {
    const rows = properties.slice(i, i + ROWS_PER_STATEMENT).map((p) => ({
      tenantId: ref.tenantId,
      scanId: ref.scanId,
      propertyId: p.id,
      status: "pending",
      lat: p.lat,
      lng: p.lng,
      address: p.address,
      createdAt: now,
    }));
    statements.push(db.insert(scanResults).values(rows).onConflictDoNothing());
  }
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    const [first, ...rest] = statements.slice(i, i + STATEMENTS_PER_BATCH);
    await db.batch([first!, ...rest]);
  }
  return (await markRunning(env, ref, properties.length)) ? properties.length : null;
}

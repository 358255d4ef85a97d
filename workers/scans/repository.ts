import { and, asc, desc, eq, gt, gte, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { decodeCursor, encodeCursor } from "../http/cursor";
import type { StageCounts } from "./stage-counts";
import type { ScanResultRow, ScanRow } from "./views";

const { scans, scanResults } = tables;

export interface ResultFilters {
  minScore?: number;
  hot?: boolean;
  status?: "scored" | "failed";
}

const LIST_SORT = "-createdAt";
const RESULT_SORT = "-score";
// Failed results have no score; they sort after every scored one.
const rankOf = sql<number>`coalesce(${scanResults.score}, -1)`;

/** Read side of area scans, built from the tenant id: nothing here reaches another workspace's scan. */
export function scanReader(env: Env, tenantId: string) {
  const db = database(env.DB);
  const scope = eq(scans.tenantId, tenantId);
  const resultScope = (scanId: string) => and(eq(scanResults.tenantId, tenantId), eq(scanResults.scanId, scanId));

  return {
    async get(id: string): Promise<ScanRow | undefined> {
      const [row] = await db
        .select()
        .from(scans)
        .where(and(scope, eq(scans.id, id)));
      return row;
    },

    /** Newest first, keyset-paged on (createdAt, id). */
    async list(limit: number, cursor?: string) {
      const conditions: SQL[] = [scope];
      if (cursor) {
        const at = decodeCursor(cursor, LIST_SORT);
        conditions.push(or(lt(scans.createdAt, Number(at.value)), and(eq(scans.createdAt, Number(at.value)), lt(scans.id, at.id)))!);
      }
      const rows = await db
        .select()
        .from(scans)
        .where(and(...conditions))
        .orderBy(desc(scans.createdAt), desc(scans.id))
        .limit(limit + 1);
      return page(rows, limit, (last) => encodeCursor({ sort: LIST_SORT, value: last.createdAt, id: last.id }));
    },

    /** Processed results, best score first (failed last), then by property id. */
    async results(scanId: string, filters: ResultFilters, limit: number, cursor?: string) {
      const conditions: SQL[] = [resultScope(scanId)!, ne(scanResults.status, "pending")];
      if (filters.status) conditions.push(eq(scanResults.status, filters.status));
      if (filters.minScore !== undefined) conditions.push(gte(scanResults.score, filters.minScore));
      if (filters.hot !== undefined) conditions.push(eq(scanResults.hot, filters.hot));
      if (cursor) {
        const at = decodeCursor(cursor, RESULT_SORT);
        conditions.push(or(lt(rankOf, Number(at.value)), and(eq(rankOf, Number(at.value)), gt(scanResults.propertyId, at.id)))!);
      }
      const rows = await db
        .select()
        .from(scanResults)
        .where(and(...conditions))
        .orderBy(desc(rankOf), asc(scanResults.propertyId))
        .limit(limit + 1);
      return page(rows, limit, (last) => encodeCursor({ sort: RESULT_SORT, value: last.score ?? -1, id: last.propertyId }));
    },

    /** The most recently scored hot results (for a socket's first snapshot). */
    async newestHot(scanId: string, limit: number): Promise<ScanResultRow[]> {
      return db
        .select()
        .from(scanResults)
        .where(and(resultScope(scanId), eq(scanResults.hot, true)))
        .orderBy(desc(scanResults.createdAt), asc(scanResults.propertyId))
        .limit(limit);
    },

    async stages(scanId: string): Promise<StageCounts> {
      const [row] = await db
        .select({
          imagery: sql<number>`count(${scanResults.imageKey})`,
          roof: sql<number>`count(${scanResults.roofJson})`,
          enrichment: sql<number>`count(${scanResults.enrichmentJson})`,
          scored: sql<number>`coalesce(sum(${scanResults.status} = 'scored'), 0)`,
          failed: sql<number>`coalesce(sum(${scanResults.status} = 'failed'), 0)`,
        })
        .from(scanResults)
        .where(resultScope(scanId));
      return row ?? { imagery: 0, roof: 0, enrichment: 0, scored: 0, failed: 0 };
    },
  };
}

function page<T>(rows: T[], limit: number, cursorOf: (last: T) => string) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: more && last ? cursorOf(last) : null };
}

export type ScanReader = ReturnType<typeof scanReader>;

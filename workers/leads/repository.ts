import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Env } from "../env";
import { database } from "../db/client";
import { decodeCursor, encodeCursor } from "../http/cursor";
import type { LeadFiltersInput, LeadListInput } from "./list-query";
import { ftsQuery, phoneDigits } from "./search-query";
import { dayAndWeekStart } from "../lib/time";
import { leadEvents, leads, leadTags, toView, type LeadRow } from "./rows";

const SORT_COLUMNS = { createdAt: leads.createdAt, updatedAt: leads.updatedAt, score: leads.score, name: leads.name } as const;

/**
 * Read side of the leads CRM. The tenant id is a constructor argument: there is no function
 * here that can reach a lead without it.
 */
export function leadReader(env: Env, tenantId: string, country = "US") {
  const db = database(env.DB);
  const scope = eq(leads.tenantId, tenantId);

  function filterConditions(f: LeadFiltersInput): SQL[] {
    const conditions: SQL[] = [scope];
    const match = f.q ? ftsQuery(f.q, country) : null;
    const digits = f.q ? phoneDigits(f.q) : null;
    if (f.q && match === null) conditions.push(sql`0`); // only punctuation: nothing can match
    const text = match ? sql`${leads}.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ${match})` : null;
    // Digits are only digits, so they are safe inside the LIKE pattern.
    if (text && digits) conditions.push(sql`(${text} OR ${leads.phone} LIKE ${`%${digits}%`})`);
    else if (text) conditions.push(text);
    if (f.status?.length) conditions.push(inArray(leads.status, f.status));
    if (f.source?.length) conditions.push(inArray(leads.source, f.source));
    // Unary + keeps SQLite from choosing the score index for a range filter and then sorting
    // every match (150 ms on 100k leads); the sort's own index stays in use (0.2 ms).
    if (f.scoreMin !== undefined) conditions.push(sql`+${leads.score} >= ${f.scoreMin}`);
    if (f.scoreMax !== undefined) conditions.push(sql`+${leads.score} <= ${f.scoreMax}`);
    if (f.hot !== undefined) conditions.push(eq(leads.hot, f.hot));
    if (f.assigneeId === "unassigned") conditions.push(isNull(leads.assigneeId));
    else if (f.assigneeId) conditions.push(eq(leads.assigneeId, f.assigneeId));
    if (f.tag) conditions.push(sql`${leads.id} IN (SELECT lead_id FROM lead_tags WHERE tenant_id = ${tenantId} AND tag = ${f.tag})`);
    if (f.createdFrom !== undefined) conditions.push(gte(leads.createdAt, f.createdFrom));
    if (f.createdTo !== undefined) conditions.push(lte(leads.createdAt, f.createdTo));
    return conditions;
  }

  /** One keyset page. Each page is an index range scan, so page 1,000 costs what page 1 does. */
  async function page(f: LeadFiltersInput, limit: number, cursor?: string) {
    const descending = f.sort.startsWith("-");
    const key = f.sort.replace(/^-/, "") as keyof typeof SORT_COLUMNS;
    const column = SORT_COLUMNS[key];
    const conditions = filterConditions(f);
    if (cursor) {
      const at = decodeCursor(cursor, f.sort);
      const beyond = descending ? lt : gt;
      conditions.push(or(beyond(column, at.value as never), and(eq(column, at.value as never), beyond(leads.id, at.id)))!);
    }
    const order = descending ? [desc(column), desc(leads.id)] : [asc(column), asc(leads.id)];
    const rows = await db
      .select()
      .from(leads)
      .where(and(...conditions))
      .orderBy(...order)
      .limit(limit + 1);
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items.at(-1);
    const nextCursor = more && last ? encodeCursor({ sort: f.sort, value: last[key] as string | number, id: last.id }) : null;
    return { rows: items, nextCursor };
  }

  return {
    page,

    async list(query: LeadListInput) {
      const { rows, nextCursor } = await page(query, query.limit, query.cursor);
      const total = query.includeTotal ? await db.$count(leads, and(...filterConditions(query))) : undefined;
      return { items: rows.map(toView), nextCursor, total };
    },

    async get(id: string): Promise<LeadRow | undefined> {
      const [row] = await db
        .select()
        .from(leads)
        .where(and(scope, eq(leads.id, id)));
      return row;
    },

    async events(leadId: string, limit: number, before?: number) {
      const conditions = [eq(leadEvents.tenantId, tenantId), eq(leadEvents.leadId, leadId)];
      if (before !== undefined) conditions.push(lt(leadEvents.createdAt, before));
      return db
        .select()
        .from(leadEvents)
        .where(and(...conditions))
        .orderBy(desc(leadEvents.createdAt), desc(leadEvents.id))
        .limit(limit);
    },

    /** The workspace's tags, most used first (for filter pickers). */
    async tags(limit: number) {
      return db
        .select({ tag: leadTags.tag, count: sql<number>`count(*)` })
        .from(leadTags)
        .where(eq(leadTags.tenantId, tenantId))
        .groupBy(leadTags.tag)
        .orderBy(desc(sql`count(*)`), asc(leadTags.tag))
        .limit(limit);
    },

    /** Leads in this tenant that share the phone or email (duplicate detection). */
    async duplicatesOf(phone: string | null, email: string | null, excludeId?: string) {
      const matches: SQL[] = [];
      if (phone) matches.push(eq(leads.phone, phone));
      if (email) matches.push(eq(leads.email, email));
      if (!matches.length) return [];
      const rows = await db
        .select({ id: leads.id, name: leads.name, phone: leads.phone, email: leads.email })
        .from(leads)
        .where(and(scope, or(...matches)))
        .limit(10);
      return rows.filter((r) => r.id !== excludeId);
    },

    /** Counts for the dashboard; "today" and "this week" are the workspace's own calendar. */
    async dashboard(now: number, timeZone: string) {
      const { startOfDay, startOfWeek } = dayAndWeekStart(timeZone, now);
      const [today, week, bySource, byStatus, hot] = await db.batch([
        db
          .select({ count: sql<number>`count(*)` })
          .from(leads)
          .where(and(scope, gte(leads.createdAt, startOfDay))),
        db
          .select({ count: sql<number>`count(*)` })
          .from(leads)
          .where(and(scope, gte(leads.createdAt, startOfWeek))),
        db.select({ key: leads.source, count: sql<number>`count(*)` }).from(leads).where(scope).groupBy(leads.source),
        db.select({ key: leads.status, count: sql<number>`count(*)` }).from(leads).where(scope).groupBy(leads.status),
        db
          .select()
          .from(leads)
          .where(and(scope, eq(leads.hot, true)))
          .orderBy(desc(leads.score), desc(leads.id))
          .limit(10),
      ]);
      return {
        leadsToday: today[0]?.count ?? 0,
        leadsThisWeek: week[0]?.count ?? 0,
        total: byStatus.reduce((sum, r) => sum + r.count, 0),
        bySource: Object.fromEntries(bySource.map((r) => [r.key, r.count])),
        byStatus: Object.fromEntries(byStatus.map((r) => [r.key, r.count])),
        hotLeads: hot.map(toView),
      };
    },
  };
}

export type LeadReader = ReturnType<typeof leadReader>;

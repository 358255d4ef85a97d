import { and, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import type { Interval, Schedule } from "../booking/slots";

const { pros, proAreas, proHours, proOverrides, bookings, assignments } = tables;

export type ProRow = typeof pros.$inferSelect;
export type AreaRow = { kind: "postcode" | "city"; value: string };

/** A pro with everything matching and booking read: areas and schedule. */
export interface ProProfile {
  pro: ProRow;
  areas: AreaRow[];
  schedule: Schedule;
}

export const normalizePostcode = (value: string) => value.toUpperCase().replace(/\s+/g, "");
export const normalizeCity = (value: string) => value.trim().toLowerCase();

/** Pros of one tenant (all, or the given ids) with their areas and schedules, in one D1 batch. */
export async function loadProfiles(
  env: Env,
  tenantId: string,
  options: { ids?: string[]; activeOnly?: boolean } = {},
): Promise<ProProfile[]> {
  const db = database(env.DB);
  const scope = [eq(pros.tenantId, tenantId)];
  if (options.ids) scope.push(inArray(pros.id, options.ids.length ? options.ids : [""]));
  if (options.activeOnly) scope.push(eq(pros.active, true));
  const [rows, areas, hours, overrides] = await db.batch([
    db
      .select()
      .from(pros)
      .where(and(...scope))
      .orderBy(pros.name),
    db.select().from(proAreas).where(eq(proAreas.tenantId, tenantId)),
    db.select().from(proHours).where(eq(proHours.tenantId, tenantId)),
    db.select().from(proOverrides).where(eq(proOverrides.tenantId, tenantId)),
  ]);
  return rows.map((pro) => ({
    pro,
    areas: areas.filter((a) => a.proId === pro.id).map((a) => ({ kind: a.kind, value: a.value })),
    schedule: {
      timeZone: pro.timeZone,
      weekly: hours
        .filter((h) => h.proId === pro.id)
        .map((h) => ({ weekday: h.weekday, startMinute: h.startMinute, endMinute: h.endMinute })),
      overrides: overrides
        .filter((o) => o.proId === pro.id)
        .map((o) => ({ date: o.date, startMinute: o.startMinute, endMinute: o.endMinute })),
      slotMinutes: pro.slotMinutes,
      bufferMinutes: pro.bufferMinutes,
      minNoticeMinutes: pro.minNoticeMinutes,
    },
  }));
}

/** Confirmed bookings of the given pros that overlap [from, to), by pro (`exceptId`: one being rescheduled). */
export async function busyByPro(
  env: Env,
  tenantId: string,
  proIds: string[],
  from: number,
  to: number,
  exceptId?: string,
): Promise<Map<string, Interval[]>> {
  const busy = new Map<string, Interval[]>(proIds.map((id) => [id, []]));
  if (!proIds.length) return busy;
  const rows = await database(env.DB)
    .select({ proId: bookings.proId, start: bookings.startsAt, end: bookings.endsAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        inArray(bookings.proId, proIds),
        eq(bookings.status, "confirmed"),
        lt(bookings.startsAt, to),
        gte(bookings.endsAt, from),
        ...(exceptId ? [ne(bookings.id, exceptId)] : []),
      ),
    );
  for (const row of rows) busy.get(row.proId)?.push({ start: row.start, end: row.end });
  return busy;
}

/** Active jobs (active assignments) per pro of the tenant. */
export async function activeJobCounts(env: Env, tenantId: string): Promise<Map<string, number>> {
  const rows = await database(env.DB)
    .select({ proId: assignments.proId, count: sql<number>`count(*)` })
    .from(assignments)
    .where(and(eq(assignments.tenantId, tenantId), eq(assignments.status, "active")))
    .groupBy(assignments.proId);
  return new Map(rows.map((r) => [r.proId, r.count]));
}

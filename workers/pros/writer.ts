import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { badRequest, conflict, notFound } from "../http/problem";
import { newId } from "../lib/ids";
import { toE164 } from "../leads/phone";
import { activeJobCounts, loadProfiles, normalizeCity, normalizePostcode, type ProProfile } from "./repository";
import { toClock, toMinute, type ProCreateInput, type ProPatchInput, type ProView } from "./model";

const { pros, proAreas, proHours, proOverrides } = tables;

function proView(profile: ProProfile, activeJobs: number): ProView {
  const { pro, areas, schedule } = profile;
  return {
    id: pro.id,
    name: pro.name,
    phone: pro.phone,
    trades: pro.trades,
    timeZone: pro.timeZone,
    active: pro.active,
    jobCap: pro.jobCap,
    activeJobs,
    postcodes: areas.filter((a) => a.kind === "postcode").map((a) => a.value),
    cities: areas.filter((a) => a.kind === "city").map((a) => a.value),
    baseLat: pro.baseLat,
    baseLng: pro.baseLng,
    radiusKm: pro.radiusKm,
    hours: schedule.weekly
      .sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute)
      .map((h) => ({ weekday: h.weekday, start: toClock(h.startMinute), end: toClock(h.endMinute) })),
    overrides: schedule.overrides.map((o) =>
      o.startMinute < 0 ? { date: o.date } : { date: o.date, start: toClock(o.startMinute), end: toClock(o.endMinute) },
    ),
    slotMinutes: schedule.slotMinutes,
    bufferMinutes: schedule.bufferMinutes,
    minNoticeMinutes: schedule.minNoticeMinutes,
    lastAssignedAt: pro.lastAssignedAt === null ? null : new Date(pro.lastAssignedAt).toISOString(),
    createdAt: new Date(pro.createdAt).toISOString(),
  };
}

/** Pros of one tenant: every read and write is scoped by the tenant given here. */
export function proStore(env: Env, tenant: { id: string; country: string }) {
  const db = database(env.DB);
  const scope = (id: string) => and(eq(pros.tenantId, tenant.id), eq(pros.id, id));

  function phone(raw: string): string {
    const e164 = toE164(raw, tenant.country);
    if (!e164)
      throw badRequest(`“${raw}” is not a valid phone number.`, { errors: [{ field: "phone", message: "Invalid phone number." }] });
    return e164;
  }

  /** Statements replacing whichever of areas, hours and overrides the input carries. */
  function childStatements(proId: string, input: ProPatchInput) {
    const statements = [];
    if (input.postcodes || input.cities) {
      statements.push(db.delete(proAreas).where(and(eq(proAreas.tenantId, tenant.id), eq(proAreas.proId, proId))));
      const areas: (typeof proAreas.$inferInsert)[] = [...new Set((input.postcodes ?? []).map(normalizePostcode))].map((value) => ({
        tenantId: tenant.id,
        proId,
        kind: "postcode" as const,
        value,
      }));
      areas.push(
        ...[...new Set((input.cities ?? []).map(normalizeCity))].map((value) => ({
          tenantId: tenant.id,
          proId,
          kind: "city" as const,
          value,
        })),
      );
      if (areas.length) statements.push(db.insert(proAreas).values(areas));
    }
    if (input.hours) {
      statements.push(db.delete(proHours).where(and(eq(proHours.tenantId, tenant.id), eq(proHours.proId, proId))));
      if (input.hours.length)
        statements.push(
          db
            .insert(proHours)
            .values(
              input.hours.map((h) => ({
                tenantId: tenant.id,
                proId,
                weekday: h.weekday,
                startMinute: toMinute(h.start),
                endMinute: toMinute(h.end),
              })),
            )
            .onConflictDoNothing(),
        );
    }
    if (input.overrides) {
      statements.push(db.delete(proOverrides).where(and(eq(proOverrides.tenantId, tenant.id), eq(proOverrides.proId, proId))));
      if (input.overrides.length)
        statements.push(
          db
            .insert(proOverrides)
            .values(
              input.overrides.map((o) => ({
                tenantId: tenant.id,
                proId,
                date: o.date,
                startMinute: o.start ? toMinute(o.start) : -1,
                endMinute: o.end ? toMinute(o.end) : -1,
              })),
            )
            .onConflictDoNothing(),
        );
    }
    return statements;
  }

  async function view(id: string): Promise<ProView> {
    const [profile] = await loadProfiles(env, tenant.id, { ids: [id] });
    if (!profile) throw notFound("Pro");
    return proView(profile, (await activeJobCounts(env, tenant.id)).get(id) ?? 0);
  }

  return {
    view,

    async list(): Promise<ProView[]> {
      const [profiles, counts] = await Promise.all([loadProfiles(env, tenant.id), activeJobCounts(env, tenant.id)]);
      return profiles.map((p) => proView(p, counts.get(p.pro.id) ?? 0));
    },

    async create(input: ProCreateInput): Promise<ProView> {
      const now = Date.now();
      const id = newId("pro", now);
      const { postcodes, cities, hours, overrides, phone: raw, ...fields } = input;
      await db.batch([
        db.insert(pros).values({ ...fields, id, tenantId: tenant.id, phone: phone(raw), createdAt: now, updatedAt: now }),
        ...childStatements(id, { postcodes, cities, hours, overrides }),
      ]);
      return view(id);
    },

    async update(id: string, input: ProPatchInput): Promise<ProView> {
      const existing = await db.query.pros.findFirst({ where: scope(id), columns: { id: true } });
      if (!existing) throw notFound("Pro");
      const { postcodes, cities, hours, overrides, phone: raw, ...fields } = input;
      const areas =
        postcodes || cities ? { postcodes: postcodes ?? (await view(id)).postcodes, cities: cities ?? (await view(id)).cities } : {};
      await db.batch([
        db
          .update(pros)
          .set({ ...fields, ...(raw ? { phone: phone(raw) } : {}), updatedAt: Date.now() })
          .where(scope(id)),
        ...childStatements(id, { ...areas, hours, overrides }),
      ]);
      return view(id);
    },

    /** Pros with bookings are kept for the calendar's history: deactivate them instead. */
    async remove(id: string): Promise<void> {
      const booked = await db.query.bookings.findFirst({
        where: and(eq(tables.bookings.tenantId, tenant.id), eq(tables.bookings.proId, id)),
        columns: { id: true },
      });
      if (booked) throw conflict("This pro has bookings; set active to false instead of deleting.");
      const deleted = await db.delete(pros).where(scope(id)).returning({ id: pros.id });
      if (!deleted.length) throw notFound("Pro");
    },
  };
}

import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { busyByPro, loadProfiles } from "../pros/repository";
import { availableSlots, isSlotFree } from "./slots";
import { slotLabel } from "./zoned-time";

const { bookings } = tables;
const DAY = 86_400_000;

export type BookingRow = typeof bookings.$inferSelect;

export interface BookingRequest {
  tenantId: string;
  proId: string;
  start: number;
  customerName: string;
  customerPhone?: string | null;
  leadId?: string | null;
  conversationId?: string | null;
  trade?: string | null;
  summary?: string | null;
  address?: string | null;
  /** Reschedule: this confirmed booking is cancelled in the same write that creates the new one. */
  replaces?: string | null;
}

export interface Alternative {
  start: number;
  end: number;
  label: string;
}

export type BookingResult =
  | { ok: true; booking: BookingRow; label: string; proName: string }
  | { ok: false; reason: string; alternatives: Alternative[] };

/**
 * Books one slot after re-checking it against the pro's schedule and bookings right now (the
 * offered list is never trusted). Callers serialize per pro (ProCalendar); the partial unique
 * index on (pro, start) of confirmed bookings refuses a double booking even without that.
 */
export async function bookSlot(env: Env, request: BookingRequest, now = Date.now()): Promise<BookingResult> {
  const [profile] = await loadProfiles(env, request.tenantId, { ids: [request.proId] });
  if (!profile?.pro.active) return { ok: false, reason: "that pro is not available for booking.", alternatives: [] };
  const busy = (await busyByPro(env, request.tenantId, [request.proId], now - DAY, now + 60 * DAY, request.replaces ?? undefined)).get(
    request.proId,
  )!;
  const alternatives = (): Alternative[] =>
    availableSlots(profile.schedule, busy, { from: now, days: 14, now, limit: 3 }).map((s) => ({
      ...s,
      label: slotLabel(profile.pro.timeZone, s.start),
    }));
  if (!isSlotFree(profile.schedule, busy, request.start, now))
    return { ok: false, reason: "that time is no longer free.", alternatives: alternatives() };

  const db = database(env.DB);
  const row: BookingRow = {
    id: newId("bkg", now),
    tenantId: request.tenantId,
    proId: request.proId,
    leadId: request.leadId ?? null,
    conversationId: request.conversationId ?? null,
    startsAt: request.start,
    endsAt: request.start + profile.schedule.slotMinutes * 60_000,
    timeZone: profile.pro.timeZone,
    status: "confirmed",
    customerName: request.customerName,
    customerPhone: request.customerPhone ?? null,
    trade: request.trade ?? null,
    summary: request.summary ?? null,
    address: request.address ?? null,
    rescheduledFrom: request.replaces ?? null,
    remindedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  try {
    if (request.replaces) {
      const cancelOld = db
        .update(bookings)
        .set({ status: "cancelled", updatedAt: now })
        .where(and(eq(bookings.tenantId, request.tenantId), eq(bookings.id, request.replaces), eq(bookings.status, "confirmed")));
      await db.batch([cancelOld, db.insert(bookings).values(row)]);
    } else {
      await db.insert(bookings).values(row);
    }
  } catch (err) {
    if (!/UNIQUE/i.test(String(err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : err))) throw err;
    return { ok: false, reason: "that time was just taken.", alternatives: alternatives() };
  }
  return { ok: true, booking: row, label: slotLabel(profile.pro.timeZone, row.startsAt), proName: profile.pro.name };
}

export async function getBooking(env: Env, tenantId: string, id: string): Promise<BookingRow | undefined> {
  return database(env.DB).query.bookings.findFirst({ where: and(eq(bookings.tenantId, tenantId), eq(bookings.id, id)) });
}

/** Cancels a confirmed booking; false when there was none to cancel. */
export async function cancelBooking(env: Env, tenantId: string, id: string, now = Date.now()): Promise<BookingRow | null> {
  const [row] = await database(env.DB)
    .update(bookings)
    .set({ status: "cancelled", updatedAt: now })
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, id), eq(bookings.status, "confirmed")))
    .returning();
  return row ?? null;
}

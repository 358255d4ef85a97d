// Demo bookings that agree with the demo leads: every lead whose status is "booked" has its
// confirmed visit with a pro of its trade, inside that pro's hours, never two at once.
import { addDays, utcToZoned, weekdayOf, zonedToUtc } from "../../workers/booking/zoned-time.ts";
import { newId } from "../../workers/lib/ids.ts";
import { insertStatements } from "./seed-sql.mjs";

const COLUMNS = [
  "id",
  "tenant_id",
  "pro_id",
  "lead_id",
  "starts_at",
  "ends_at",
  "time_zone",
  "status",
  "customer_name",
  "customer_phone",
  "trade",
  "summary",
  "address",
  "created_at",
  "updated_at",
];
const HOUR = 60;
const DAY = 86_400_000;

/**
 * Books each lead of `leads` that says "booked", at the pro's first free hour of a working day.
 * `taken` (pro id → set of start instants) carries over between batches of leads.
 */
export function bookingStatements(tenant, pros, leads, now, taken = new Map()) {
  const rows = [];
  for (const lead of leads) {
    if (lead.status !== "booked") continue;
    const candidates = pros.filter((p) => p.trades.includes(lead.trade));
    const pro = (candidates.length ? candidates : pros)[rows.length % (candidates.length || pros.length)];
    if (!pro) continue;
    // Booked long ago: the visit happened after the booking. Booked lately: it is on the coming
    // week's calendar, spread over its days.
    const after = lead.updatedAt < now - 14 * DAY ? lead.updatedAt : now + (rows.length % 7) * DAY;
    const start = firstFreeHour(tenant.timeZone, pro, after, taken);
    if (start === null) continue;
    rows.push([
      newId("bkg", lead.updatedAt),
      tenant.id,
      pro.id,
      lead.id,
      start,
      start + HOUR * 60_000,
      tenant.timeZone,
      "confirmed",
      lead.name,
      lead.phone,
      lead.trade,
      lead.description,
      [lead.address, lead.city, lead.postcode].filter(Boolean).join(", ") || null,
      lead.updatedAt,
      lead.updatedAt,
    ]);
  }
  return insertStatements("bookings", COLUMNS, rows);
}

/** The first whole hour, from the day after `after`, inside the pro's weekly hours and not yet taken. */
function firstFreeHour(timeZone, pro, after, taken) {
  const used = taken.get(pro.id) ?? new Set();
  taken.set(pro.id, used);
  let day = addDays(utcToZoned(timeZone, after).date, 1);
  for (let tries = 0; tries < 60; tries++, day = addDays(day, 1)) {
    const weekday = weekdayOf(day);
    for (const [d, from, to] of pro.hours) {
      if (d !== weekday) continue;
      for (let minute = from; minute + HOUR <= to; minute += HOUR) {
        const start = zonedToUtc(timeZone, day, minute);
        if (!used.has(start)) {
          used.add(start);
          return start;
        }
      }
    }
  }
  return null;
}

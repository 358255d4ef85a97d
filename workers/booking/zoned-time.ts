// With its extension, so the seeding scripts (plain Node) can import this file too.
import { zoneOffset } from "../lib/time.ts";

const DAY = 86_400_000;
const MINUTE = 60_000;

/** A calendar date in some zone, as "YYYY-MM-DD". */
export type LocalDate = string;

/** The UTC instant at which the wall clock in `timeZone` shows `date` + `minute` minutes. */
export function zonedToUtc(timeZone: string, date: LocalDate, minute: number): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE;
  // Two passes: the offset at the first guess can differ from the offset at the answer when a
  // DST change lies between them.
  const guess = wall - zoneOffset(timeZone, wall);
  return wall - zoneOffset(timeZone, guess);
}

/** The local date and minute of the day of `at` in `timeZone`. */
export function utcToZoned(timeZone: string, at: number): { date: LocalDate; minute: number; weekday: number } {
  const wall = at + zoneOffset(timeZone, at);
  const midnight = Math.floor(wall / DAY) * DAY;
  return {
    date: new Date(midnight).toISOString().slice(0, 10),
    minute: Math.round((wall - midnight) / MINUTE),
    weekday: (new Date(midnight).getUTCDay() + 6) % 7,
  };
}

/** Monday = 0 … Sunday = 6. */
export function weekdayOf(date: LocalDate): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** "Tue, Nov 24, 9:00 AM" in the zone (short enough for a WhatsApp button). */
export function slotLabel(timeZone: string, at: number): string {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(at);
}

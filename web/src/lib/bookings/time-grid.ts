/** Time arithmetic for the bookings grid, in the workspace's zone (not the browser's). */

const MINUTE = 60_000;

/** "2026-12-03" for an instant, as the calendar in `zone` reads it. */
export function dayKey(instant: string | number, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(instant));
}

/** Minutes since local midnight in `zone` (9:30 → 570). */
export function minuteOfDay(instant: string | number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(
    new Date(instant),
  );
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part("hour") * 60 + part("minute");
}

/** The offset of `zone` from UTC at `instant`, in ms (Chicago in winter: −6 h). */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(instant / 1000) * 1000;
}

/** The instant at `minutes` past midnight of `day` in `zone` — what a drop on the grid means. */
export function zonedInstant(day: string, minutes: number, zone: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  // Two passes settle a guess that lands on the other side of a DST change.
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}

/** The day `n` days after `day` (calendar days, DST-proof). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n, 12)).toISOString().slice(0, 10);
}

/** Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** Where a booking sits on a day column whose rows start at `fromHour`: top and height in minutes. */
export function placement(start: string, end: string, zone: string, fromHour: number): { top: number; height: number } {
  const top = minuteOfDay(start, zone) - fromHour * 60;
  const height = Math.max(15, (Date.parse(end) - Date.parse(start)) / MINUTE);
  return { top, height };
}

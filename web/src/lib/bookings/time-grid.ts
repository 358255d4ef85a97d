// The grid reads time in the workspace's zone with the Worker's own (pure) calendar arithmetic.
import { addDays, utcToZoned, weekdayOf, zonedToUtc } from "../../../../workers/booking/zoned-time";

export { addDays };

/** "2026-12-03" for an instant, as the calendar in `zone` reads it. */
export const dayKey = (instant: string | number, zone: string) => utcToZoned(zone, new Date(instant).getTime()).date;

/** Minutes since local midnight in `zone` (9:30 → 570). */
export const minuteOfDay = (instant: string | number, zone: string) => utcToZoned(zone, new Date(instant).getTime()).minute;

/** The instant at `minutes` past midnight of `day` in `zone`: what a drop on the grid means. */
export const zonedInstant = (day: string, minutes: number, zone: string) => zonedToUtc(zone, day, minutes);

/** Monday of the week holding `day`. */
export const mondayOf = (day: string) => addDays(day, -weekdayOf(day));

/** Where a booking sits on a day column whose rows start at `fromHour`: top and height in minutes. */
export function placement(start: string, end: string, zone: string, fromHour: number): { top: number; height: number } {
  const top = minuteOfDay(start, zone) - fromHour * 60;
  const height = Math.max(15, (Date.parse(end) - Date.parse(start)) / 60_000);
  return { top, height };
}

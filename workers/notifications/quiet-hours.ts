import { utcToZoned } from "../booking/zoned-time";

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether `at` falls in the member's quiet hours, read on their own clock. A window whose end
 * is before its start runs over midnight (22:00–07:00); equal ends or a missing one mean none.
 */
export function inQuietHours(at: number, timeZone: string, start: string | null, end: string | null): boolean {
  if (!start || !end || start === end) return false;
  const { minute } = utcToZoned(timeZone, at);
  const from = minuteOf(start);
  const to = minuteOf(end);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

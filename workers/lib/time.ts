const DAY = 86_400_000;

/** Milliseconds the zone's wall clock is ahead of UTC at `at`. */
export function zoneOffset(timeZone: string, at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - Math.floor(at / 1000) * 1000;
}

/** UTC instants of local midnight today and of Monday this week in `timeZone`. */
export function dayAndWeekStart(timeZone: string, now: number): { startOfDay: number; startOfWeek: number } {
  const offset = zoneOffset(timeZone, now);
  const localMidnight = Math.floor((now + offset) / DAY) * DAY;
  const weekday = (new Date(localMidnight).getUTCDay() + 6) % 7; // Monday = 0
  const startOfDay = localMidnight - zoneOffset(timeZone, localMidnight - offset);
  const startOfWeekLocal = localMidnight - weekday * DAY;
  return { startOfDay, startOfWeek: startOfWeekLocal - zoneOffset(timeZone, startOfWeekLocal - offset) };
}

/** The calendar date ("2026-03-08") in `timeZone` at `at`. */
export function localDate(timeZone: string, at: number): string {
  return new Date(at + zoneOffset(timeZone, at)).toISOString().slice(0, 10);
}

/** The UTC instant of the first local midnight after `at`; days are 23 to 25 hours long. */
export function nextLocalMidnight(timeZone: string, at: number): number {
  const { startOfDay } = dayAndWeekStart(timeZone, at);
  // 26 hours after one midnight is always past the next one and before the one after.
  return dayAndWeekStart(timeZone, startOfDay + 26 * 3_600_000).startOfDay;
}

/** Calendar arithmetic on "YYYY-MM-DD" dates, free of time zones. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** True for an IANA zone name the runtime knows ("America/Chicago"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const DAY = 86_400_000;

/** Milliseconds the zone's wall clock is ahead of UTC at `at`. */
function zoneOffset(timeZone: string, at: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" })
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

import { addDays, utcToZoned, weekdayOf, zonedToUtc, type LocalDate } from "./zoned-time";

const MINUTE = 60_000;

/** A pro's availability rules, as stored: local clock minutes in the pro's own time zone. */
export interface Schedule {
  timeZone: string;
  weekly: { weekday: number; startMinute: number; endMinute: number }[];
  /** A date listed here replaces that weekday's hours; startMinute < 0 marks a day off. */
  overrides: { date: LocalDate; startMinute: number; endMinute: number }[];
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
}

export interface Interval {
  start: number;
  end: number;
}

/**
 * Free slots, Cal.com style: each day's ranges are built in the pro's zone (so a DST day has
 * its 23 or 25 hours and 9:00 stays 9:00), busy times widened by the buffer are removed,
 * nothing starts before now + minimum notice, and a slot is emitted while it fits its range.
 * Local times that do not exist (the spring-forward gap) are skipped.
 */
export function availableSlots(
  schedule: Schedule,
  busy: Interval[],
  window: { from: number; days: number; now: number; limit?: number },
): Interval[] {
  const { timeZone, slotMinutes, bufferMinutes } = schedule;
  const earliest = window.now + schedule.minNoticeMinutes * MINUTE;
  const blocked = busy.map((b) => ({ start: b.start - bufferMinutes * MINUTE, end: b.end + bufferMinutes * MINUTE }));
  const firstDate = utcToZoned(timeZone, window.from).date;
  const slots: Interval[] = [];
  for (let d = 0; d < window.days; d++) {
    const date = addDays(firstDate, d);
    for (const range of rangesOn(schedule, date)) {
      const rangeEnd = zonedToUtc(timeZone, date, range.endMinute);
      for (let minute = range.startMinute; minute + slotMinutes <= range.endMinute; minute += slotMinutes) {
        const start = zonedToUtc(timeZone, date, minute);
        const end = start + slotMinutes * MINUTE;
        if (utcToZoned(timeZone, start).minute !== minute % 1440) continue; // in the DST gap
        if (start < earliest || start < window.from || end > rangeEnd) continue;
        if (blocked.some((b) => start < b.end && end > b.start)) continue;
        slots.push({ start, end });
        if (window.limit && slots.length >= window.limit) return slots;
      }
    }
  }
  return slots;
}

function rangesOn(schedule: Schedule, date: LocalDate) {
  const overrides = schedule.overrides.filter((o) => o.date === date);
  if (overrides.length)
    return overrides.filter((o) => o.startMinute >= 0 && o.endMinute > o.startMinute).sort((a, b) => a.startMinute - b.startMinute);
  const weekday = weekdayOf(date);
  return schedule.weekly.filter((w) => w.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute);
}

/** True when [start, start + slot) is one of the free slots right now (booking re-checks this). */
export function isSlotFree(schedule: Schedule, busy: Interval[], start: number, now: number): boolean {
  const day = 86_400_000;
  return availableSlots(schedule, busy, { from: start - day, days: 3, now }).some((slot) => slot.start === start);
}

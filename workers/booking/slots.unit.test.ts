import { describe, expect, it } from "vitest";
import { availableSlots, isSlotFree, type Schedule } from "./slots";
import { slotLabel, zonedToUtc } from "./zoned-time";

const weekdays9to5 = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 17 * 60 }));
const schedule = (timeZone: string, extra: Partial<Schedule> = {}): Schedule => ({
  timeZone,
  weekly: weekdays9to5,
  overrides: [],
  slotMinutes: 60,
  bufferMinutes: 0,
  minNoticeMinutes: 0,
  ...extra,
});
const iso = (ms: number) => new Date(ms).toISOString();
const firstSlotPerDay = (slots: { start: number }[]) =>
  [...new Set(slots.map((s) => iso(s.start).slice(0, 10)))].map((day) => iso(slots.find((s) => iso(s.start).startsWith(day))!.start));

describe("unit: slots", () => {
  it("America/New_York across the March DST change: 9:00 local stays 9:00 local", () => {
    // DST starts Sunday 8 March 2026: EST (UTC-5) before, EDT (UTC-4) after.
    const from = Date.parse("2026-03-05T05:00:00Z"); // Thu 5 March, local midnight
    const slots = availableSlots(schedule("America/New_York"), [], { from, days: 7, now: from });
    expect(firstSlotPerDay(slots)).toEqual([
      "2026-03-05T14:00:00.000Z",
      "2026-03-06T14:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
      "2026-03-10T13:00:00.000Z",
      "2026-03-11T13:00:00.000Z",
    ]);
    expect(slots.filter((s) => iso(s.start).startsWith("2026-03-09"))).toHaveLength(8);
    expect(slotLabel("America/New_York", Date.parse("2026-03-09T13:00:00Z"))).toBe("Mon, Mar 9, 9:00 AM");
  });

  it("Europe/London across the October DST change", () => {
    // BST (UTC+1) ends Sunday 25 October 2026; GMT after.
    const from = Date.parse("2026-10-22T23:00:00Z"); // Fri 23 October, local midnight
    const slots = availableSlots(schedule("Europe/London"), [], { from, days: 4, now: from });
    expect(firstSlotPerDay(slots)).toEqual(["2026-10-23T08:00:00.000Z", "2026-10-26T09:00:00.000Z"]);
    expect(slots.at(-1)!.end).toBe(Date.parse("2026-10-26T17:00:00Z"));
  });

  it("on the change days themselves: the 2 am gap is skipped, the repeated hour is offered once", () => {
    const night = { weekly: [{ weekday: 6, startMinute: 0, endMinute: 5 * 60 }] }; // Sundays 00:00–05:00
    const ny = availableSlots(schedule("America/New_York", night), [], { from: Date.parse("2026-03-08T05:00:00Z"), days: 1, now: 0 });
    expect(ny.map((s) => iso(s.start))).toEqual([
      "2026-03-08T05:00:00.000Z",
      "2026-03-08T06:00:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-08T08:00:00.000Z",
    ]);
    const london = availableSlots(schedule("Europe/London", night), [], { from: Date.parse("2026-10-24T23:00:00Z"), days: 1, now: 0 });
    expect(london.map((s) => iso(s.start))).toEqual([
      "2026-10-24T23:00:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T02:00:00.000Z",
      "2026-10-25T03:00:00.000Z",
      "2026-10-25T04:00:00.000Z",
    ]);
  });

  it("removes bookings widened by the buffer, respects minimum notice and overrides", () => {
    const tz = "America/Chicago";
    const day = "2026-06-02"; // a Tuesday
    const booked = { start: zonedToUtc(tz, day, 11 * 60), end: zonedToUtc(tz, day, 12 * 60) };
    const now = zonedToUtc(tz, day, 8 * 60);
    const slots = availableSlots(schedule(tz, { bufferMinutes: 30, minNoticeMinutes: 120 }), [booked], { from: now, days: 1, now });
    const hours = slots.map((s) => new Intl.DateTimeFormat("en-US", { timeZone: tz, hour: "numeric", hour12: false }).format(s.start));
    expect(hours).toEqual(["13", "14", "15", "16"]); // 9 and 10 too soon / buffered, 11 booked, 12 buffered
    const off = availableSlots(schedule(tz, { overrides: [{ date: day, startMinute: -1, endMinute: -1 }] }), [], {
      from: now,
      days: 1,
      now,
    });
    expect(off).toEqual([]);
    const short = availableSlots(schedule(tz, { overrides: [{ date: day, startMinute: 14 * 60, endMinute: 16 * 60 }] }), [], {
      from: now,
      days: 1,
      now,
    });
    expect(short).toHaveLength(2);
    expect(isSlotFree(schedule(tz), [booked], booked.start, now)).toBe(false);
    expect(isSlotFree(schedule(tz), [booked], booked.end, now)).toBe(true);
    expect(isSlotFree(schedule(tz), [], booked.start + 60_000, now)).toBe(false); // not on the grid
  });
});

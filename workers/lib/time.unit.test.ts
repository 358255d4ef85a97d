import { describe, expect, it } from "vitest";
import { addDays, dayAndWeekStart, daysBetween, isTimeZone, localDate, nextLocalMidnight } from "./time";

describe("unit: local day and week boundaries", () => {
  it("uses the workspace's own midnight and Monday", () => {
    // Saturday 2026-11-21 03:00 UTC is still Friday evening in Chicago (UTC−6).
    const now = Date.parse("2026-11-21T03:00:00Z");
    expect(dayAndWeekStart("America/Chicago", now)).toEqual({
      startOfDay: Date.parse("2026-11-20T06:00:00Z"),
      startOfWeek: Date.parse("2026-11-16T06:00:00Z"),
    });
    expect(dayAndWeekStart("UTC", now)).toEqual({
      startOfDay: Date.parse("2026-11-21T00:00:00Z"),
      startOfWeek: Date.parse("2026-11-16T00:00:00Z"),
    });
  });

  it("is right on a DST change day (London, clocks back on 2026-10-25)", () => {
    const now = Date.parse("2026-10-25T12:00:00Z");
    expect(dayAndWeekStart("Europe/London", now)).toEqual({
      startOfDay: Date.parse("2026-10-24T23:00:00Z"),
      startOfWeek: Date.parse("2026-10-18T23:00:00Z"),
    });
  });

  it("names the local date and finds the next local midnight, 23 hours away when clocks go forward", () => {
    // New York springs forward on 2026-03-08: midnight is 05:00Z before and 04:00Z after.
    expect(localDate("America/New_York", Date.parse("2026-03-08T04:59:00Z"))).toBe("2026-03-07");
    expect(localDate("America/New_York", Date.parse("2026-03-08T05:00:00Z"))).toBe("2026-03-08");
    expect(nextLocalMidnight("America/New_York", Date.parse("2026-03-08T12:00:00Z"))).toBe(Date.parse("2026-03-09T04:00:00Z"));
    expect(localDate("America/New_York", Date.parse("2026-03-09T03:59:00Z"))).toBe("2026-03-08");
    expect(localDate("America/New_York", Date.parse("2026-03-09T04:00:00Z"))).toBe("2026-03-09");
    // London falls back on 2026-10-25: that day has 25 hours.
    expect(nextLocalMidnight("Europe/London", Date.parse("2026-10-25T00:30:00Z"))).toBe(Date.parse("2026-10-26T00:00:00Z"));
    expect(nextLocalMidnight("Asia/Kolkata", Date.parse("2026-06-01T20:00:00Z"))).toBe(Date.parse("2026-06-02T18:30:00Z"));
  });

  it("does calendar arithmetic and checks zone names", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2026-03-07", "2026-03-10")).toBe(3);
    expect(isTimeZone("Pacific/Auckland")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { addDays, dayKey, minuteOfDay, mondayOf, placement, zonedInstant } from "./time-grid";

describe("bookings grid time in the workspace's zone", () => {
  it("turns a drop at 9:30 on a Chicago day into the right instant, on both sides of DST", () => {
    expect(new Date(zonedInstant("2026-12-03", 570, "America/Chicago")).toISOString()).toBe("2026-12-03T15:30:00.000Z");
    expect(new Date(zonedInstant("2026-07-03", 570, "America/Chicago")).toISOString()).toBe("2026-07-03T14:30:00.000Z");
    // The Sunday clocks go back: 9:00 is after the change.
    expect(new Date(zonedInstant("2026-11-01", 540, "America/Chicago")).toISOString()).toBe("2026-11-01T15:00:00.000Z");
    expect(new Date(zonedInstant("2026-12-03", 540, "Europe/London")).toISOString()).toBe("2026-12-03T09:00:00.000Z");
  });

  it("reads days and minutes as the zone's calendar does", () => {
    expect(dayKey("2026-12-04T03:00:00Z", "America/Chicago")).toBe("2026-12-03");
    expect(minuteOfDay("2026-12-03T15:30:00Z", "America/Chicago")).toBe(570);
    expect(minuteOfDay("2026-12-03T06:00:00Z", "America/Chicago")).toBe(0);
  });

  it("steps through weeks and places a booking on the grid", () => {
    expect(mondayOf("2026-12-03")).toBe("2026-11-30");
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(placement("2026-12-03T15:30:00Z", "2026-12-03T16:30:00Z", "America/Chicago", 7)).toEqual({ top: 150, height: 60 });
  });
});

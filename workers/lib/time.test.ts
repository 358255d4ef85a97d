import { describe, expect, it } from "vitest";
import { dayAndWeekStart } from "./time";

describe("unit: local day and week boundaries", () => {
  it("uses the workspace's own midnight and Monday", () => {
    // Saturday 2026-11-21 03:00 UTC is still Friday evening in Chicago (UTC−6).
    const now = Date.parse("2026-11-21T03:00:00Z");
    expect(dayAndWeekStart("America/Chicago", now)).toEqual({ startOfDay: Date.parse("2026-11-20T06:00:00Z"), startOfWeek: Date.parse("2026-11-16T06:00:00Z") });
    expect(dayAndWeekStart("UTC", now)).toEqual({ startOfDay: Date.parse("2026-11-21T00:00:00Z"), startOfWeek: Date.parse("2026-11-16T00:00:00Z") });
  });

  it("is right on a DST change day (London, clocks back on 2026-10-25)", () => {
    const now = Date.parse("2026-10-25T12:00:00Z");
    expect(dayAndWeekStart("Europe/London", now)).toEqual({ startOfDay: Date.parse("2026-10-24T23:00:00Z"), startOfWeek: Date.parse("2026-10-18T23:00:00Z") });
  });
});

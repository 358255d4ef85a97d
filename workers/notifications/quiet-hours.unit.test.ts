import { describe, expect, it } from "vitest";
import { inQuietHours } from "./quiet-hours";

// 2026-07-01 04:30 UTC is 23:30 the evening before in Chicago (CDT, UTC-5) and 05:30 in London (BST).
const at = Date.UTC(2026, 6, 1, 4, 30);

describe("inQuietHours", () => {
  it("reads the window on the member's own clock", () => {
    expect(inQuietHours(at, "America/Chicago", "22:00", "07:00")).toBe(true);
    expect(inQuietHours(at, "Europe/London", "22:00", "07:00")).toBe(true);
    expect(inQuietHours(at, "Europe/London", "22:00", "05:00")).toBe(false);
    expect(inQuietHours(at, "Asia/Tokyo", "22:00", "07:00")).toBe(false); // 13:30 there
  });

  it("handles a window inside one day, its edges, and no window", () => {
    expect(inQuietHours(at, "America/Chicago", "23:30", "23:45")).toBe(true);
    expect(inQuietHours(at, "America/Chicago", "23:00", "23:30")).toBe(false);
    expect(inQuietHours(at, "America/Chicago", null, "07:00")).toBe(false);
    expect(inQuietHours(at, "America/Chicago", "08:00", "08:00")).toBe(false);
  });
});

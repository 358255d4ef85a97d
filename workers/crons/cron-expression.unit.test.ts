import { describe, expect, it } from "vitest";
import { CronSyntaxError, cronMatches, nextFireTime, parseCron } from "./cron-expression";

const at = (iso: string) => new Date(iso);
const matches = (cron: string, iso: string) => cronMatches(parseCron(cron), at(iso));
const next = (cron: string, iso: string) => new Date(nextFireTime(parseCron(cron), Date.parse(iso))).toISOString();

describe("cron expressions", () => {
  it("steps, ranges, lists and single values, in UTC", () => {
    expect([0, 10, 20, 50].every((m) => matches("*/10 * * * *", `2026-12-03T17:${String(m).padStart(2, "0")}:00Z`))).toBe(true);
    expect(matches("*/10 * * * *", "2026-12-03T17:05:00Z")).toBe(false);
    expect(matches("17 * * * *", "2026-12-03T04:17:59Z")).toBe(true);
    expect(matches("17 * * * *", "2026-12-03T04:18:00Z")).toBe(false);
    expect(matches("0 9-17/4 * * *", "2026-12-03T13:00:00Z")).toBe(true);
    expect(matches("0 9-17/4 * * *", "2026-12-03T15:00:00Z")).toBe(false);
    expect(matches("5/20 * * * *", "2026-12-03T15:45:00Z")).toBe(true);
    expect(matches("5/20 * * * *", "2026-12-03T15:40:00Z")).toBe(false);
    expect(matches("0,30 8,20 * * *", "2026-12-03T20:30:00Z")).toBe(true);
    expect(matches("0,30 8,20 * * *", "2026-12-03T21:30:00Z")).toBe(false);
    // UTC, whatever the host's zone: 23:30 UTC on Dec 31 is already Jan 1 in Berlin.
    expect(matches("30 23 31 12 *", "2026-12-31T23:30:00Z")).toBe(true);
  });

  it("days of the week count 1 = Sunday to 7 = Saturday, or by name, as on Cloudflare", () => {
    // 2026-12-06 is a Sunday, 2026-12-07 a Monday, 2026-12-12 a Saturday.
    expect(matches("0 0 * * 1", "2026-12-06T00:00:00Z")).toBe(true);
    expect(matches("0 0 * * SUN", "2026-12-06T00:00:00Z")).toBe(true);
    expect(matches("0 0 * * 7", "2026-12-12T00:00:00Z")).toBe(true);
    expect(matches("0 8 * * mon-fri", "2026-12-07T08:00:00Z")).toBe(true);
    expect(matches("0 8 * * MON-FRI", "2026-12-12T08:00:00Z")).toBe(false);
    expect(matches("0 0 1 JAN,JUL *", "2027-07-01T00:00:00Z")).toBe(true);
  });

  it("a restricted day of month and day of week: either one fires (classic cron)", () => {
    expect(matches("0 0 1 * 2", "2026-12-01T00:00:00Z")).toBe(true); // the 1st, a Tuesday anyway
    expect(matches("0 0 15 * 2", "2026-12-07T00:00:00Z")).toBe(true); // a Monday, not the 15th
    expect(matches("0 0 15 * 2", "2026-12-08T00:00:00Z")).toBe(false);
    expect(matches("0 0 15 * *", "2026-12-07T00:00:00Z")).toBe(false);
  });

  it("the next firing is the first matching minute strictly after the instant", () => {
    expect(next("*/10 * * * *", "2026-12-03T17:20:00.000Z")).toBe("2026-12-03T17:30:00.000Z");
    expect(next("*/10 * * * *", "2026-12-03T17:29:59.999Z")).toBe("2026-12-03T17:30:00.000Z");
    expect(next("17 * * * *", "2026-12-03T23:40:00Z")).toBe("2026-12-04T00:17:00.000Z");
    expect(next("*/30 * * * *", "2026-12-31T23:45:00Z")).toBe("2027-01-01T00:00:00.000Z");
    expect(next("0 12 29 2 *", "2026-03-01T00:00:00Z")).toBe("2028-02-29T12:00:00.000Z");
    expect(next("0 0 * * SAT", "2026-12-03T17:00:00Z")).toBe("2026-12-05T00:00:00.000Z");
    expect(() => next("0 0 31 2 *", "2026-01-01T00:00:00Z")).toThrow(/never fires/);
  });

  it("mistakes are refused with the field and the reason", () => {
    expect(() => parseCron("*/10 * * *")).toThrow(/has 4 fields; a cron trigger has five/);
    expect(() => parseCron("60 * * * *")).toThrow(/minute field “60” has 60, outside 0–59/);
    expect(() => parseCron("0 0 * * 0")).toThrow(/1 is Sunday, 7 is Saturday/);
    expect(() => parseCron("*/0 * * * *")).toThrow(/step of 0/);
    expect(() => parseCron("0 17-9 * * *")).toThrow(/runs backwards/);
    expect(() => parseCron("0 0 L * *")).toThrow(CronSyntaxError);
    expect(() => parseCron("0 0 * FOO *")).toThrow(/neither a number nor a name/);
  });
});

import { describe, expect, it } from "vitest";
import { streakAsOf, streakHistory } from "./streak";

describe("unit: streaks", () => {
  it("counts consecutive days with a completed quest", () => {
    const days = ["2026-03-01", "2026-03-02", "2026-03-03"];
    expect(streakAsOf(days, "2026-03-03")).toMatchObject({ current: 3, best: 3, atRisk: false });
    // Yesterday counts until today is over.
    expect(streakAsOf(days, "2026-03-04").current).toBe(3);
  });

  it("repairs one missed day automatically, and only once in 7 days", () => {
    // Missed 03-03 (repaired), then missed 03-06: only 3 days later, so the streak restarts.
    const history = streakHistory(["2026-03-01", "2026-03-02", "2026-03-04", "2026-03-05", "2026-03-07"]);
    expect(history.map((d) => [d.day, d.streak, d.repaired])).toEqual([
      ["2026-03-01", 1, null],
      ["2026-03-02", 2, null],
      ["2026-03-04", 3, "2026-03-03"],
      ["2026-03-05", 4, null],
      ["2026-03-07", 1, null],
    ]);
    // A week after the first repair, another missed day is bridged again.
    const later = streakHistory([
      "2026-03-01",
      "2026-03-02",
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
      "2026-03-11",
    ]);
    expect(later.at(-1)).toEqual({ day: "2026-03-11", streak: 9, repaired: "2026-03-10" });
  });

  it("never bridges two missed days", () => {
    expect(streakHistory(["2026-03-01", "2026-03-04"]).at(-1)!.streak).toBe(1);
    expect(streakAsOf(["2026-03-01"], "2026-03-04")).toMatchObject({ current: 0, best: 1 });
  });

  it("shows a streak at risk while yesterday can still be repaired by today's quest", () => {
    const days = ["2026-03-01", "2026-03-02"];
    expect(streakAsOf(days, "2026-03-04")).toMatchObject({ current: 2, atRisk: true, repairAvailable: true });
    expect(streakAsOf([...days, "2026-03-04"], "2026-03-04")).toMatchObject({
      current: 3,
      atRisk: false,
      lastRepair: "2026-03-03",
      repairAvailable: false,
    });
    // With the repair spent 3 days ago, a new miss breaks the streak.
    expect(streakAsOf([...days, "2026-03-04", "2026-03-05"], "2026-03-07")).toMatchObject({ current: 0, best: 4, atRisk: false });
  });

  it("places a late day where it belongs", () => {
    expect(streakAsOf(["2026-03-03", "2026-03-01", "2026-03-02", "2026-03-02"], "2026-03-03").current).toBe(3);
  });
});

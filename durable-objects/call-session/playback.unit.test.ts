import { describe, expect, it } from "vitest";
import { markName, parseMark, Playback } from "./playback";

describe("what the caller heard", () => {
  it("mark names round-trip", () => {
    expect(parseMark(markName(3, 1, 4800))).toEqual({ turn: 3, clause: 1, bytes: 4800 });
    expect(parseMark("greeting")).toBeNull();
  });

  it("whole clauses up to the last echoed mark, and a share of the clause cut mid-way", () => {
    const p = new Playback(2);
    p.clause(0, "Sorry to hear about the leak.");
    p.queued(0, 8000);
    const endOfFirst = p.queued(0, 8000);
    p.clauseDone(0);
    p.clause(1, "What is the address of the property please?");
    const quarter = p.queued(1, 4000);
    p.queued(1, 12000);
    p.clauseDone(1);
    expect(p.heard()).toBe("");
    expect(p.echoed(endOfFirst)).toBe(true);
    expect(p.heard()).toBe("Sorry to hear about the leak.");
    p.echoed(quarter);
    expect(p.heard()).toBe("Sorry to hear about the leak. What is…");
    expect(p.finished).toBe(false);
    p.echoed(markName(2, 1, 16000));
    expect(p.heard()).toBe("Sorry to hear about the leak. What is the address of the property please?");
    expect(p.finished).toBe(true);
  });

  it("ignores marks of other turns and older marks", () => {
    const p = new Playback(5);
    p.clause(0, "one two three four");
    const late = p.queued(0, 100);
    p.queued(0, 100);
    p.clauseDone(0);
    expect(p.echoed(markName(4, 0, 200))).toBe(false);
    p.echoed(markName(5, 0, 200));
    p.echoed(late);
    expect(p.heard()).toBe("one two three four");
  });
});

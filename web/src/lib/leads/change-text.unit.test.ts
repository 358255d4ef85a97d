import { describe, expect, it } from "vitest";
import { changedTexts } from "./change-text";

describe("unit: the timeline's before → after of a long text", () => {
  it("starts both sides where they differ, so they never look identical", () => {
    const before = "Water is pouring through my kitchen ceiling and the light fitting is wet. Urgency: emergency";
    const after = "Water is pouring through my kitchen ceiling and the light fitting is wet. The ceiling is sagging. Urgency: emergency";
    const [b, a] = changedTexts(before, after);
    expect(b).not.toBe(a);
    expect(b).toBe("…Urgency: emergency");
    expect(a).toBe("…The ceiling is sagging. Urgency: emergency");
  });

  it("short texts are shown whole", () => {
    expect(changedTexts("12 Oak St", "14 Barton Skyway")).toEqual(["12 Oak St", "14 Barton Skyway"]);
  });
});

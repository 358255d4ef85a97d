import { describe, expect, it } from "vitest";
import { FILLERS, fillerWatch } from "./filler";

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("unit: filler when a tool call leaves the line quiet", () => {
  it("speaks one filler once the quiet after a tool call passes the threshold, and only one per turn", async () => {
    const spoken: string[] = [];
    const watch = fillerWatch((text) => spoken.push(text), 20);
    watch.toolStarted("saveJobDetails");
    watch.toolStarted("findAvailableSlots");
    await after(50);
    expect(spoken).toEqual([FILLERS.calendar]); // named for the tool running when the quiet ran out
    watch.textArrived();
    watch.toolStarted("bookSlot");
    await after(50);
    expect(spoken).toEqual([FILLERS.calendar]);
  });

  it("says nothing when words follow in time, and a general filler for non-calendar tools", async () => {
    const spoken: string[] = [];
    const watch = fillerWatch((text) => spoken.push(text), 40);
    watch.toolStarted("findAvailableSlots");
    await after(10);
    watch.textArrived();
    await after(60);
    expect(spoken).toEqual([]);
    watch.toolStarted("handoffToHuman");
    await after(60);
    expect(spoken).toEqual([FILLERS.other]);
  });
});

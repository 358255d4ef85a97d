import { describe, expect, it } from "vitest";
import type { EngineState } from "../../conversation-engine/engine";
import { LocalSummarizer, QUALIFICATION_POINTS, qualificationScore } from "./local-summary";

const settings = { model: "m", instructions: null };
const state = (over: Partial<EngineState> = {}): EngineState => ({
  stage: "collecting",
  job: {},
  asked: null,
  offered: [],
  booking: null,
  ...over,
});
const booked = state({
  stage: "booked",
  job: {
    trade: "plumbing",
    description: "Water pouring through the kitchen ceiling",
    urgency: "emergency",
    address: "12 Oak Street",
    city: "Austin",
    postcode: "78704",
    name: "Maria Garcia",
  },
  booking: { id: "bkg_1", label: "Mon 9:00 AM", proName: "Pat Plumber" },
});
const history = [{ role: "customer" as const, text: "Water is pouring through my kitchen ceiling" }];

describe("local call summary", () => {
  it("a qualified, booked call: every detail in the summary, full score", async () => {
    const result = await new LocalSummarizer().summarize({ tenantName: "Leak Busters", history, state: booked, settings });
    expect(result).toEqual({
      summary:
        "Emergency plumbing job at 12 Oak Street, Austin, 78704 for Maria Garcia: Water pouring through the kitchen ceiling. Booked Mon 9:00 AM with Pat Plumber.",
      qualificationScore: 100,
      summarizer: "local",
    });
  });

  it("a partly qualified call says what is missing and scores what was learned", async () => {
    const partial = state({ job: { trade: "roofing", urgency: "soon" }, stage: "collecting" });
    const result = await new LocalSummarizer().summarize({ tenantName: "Leak Busters", history, state: partial, settings });
    expect(result.summary).toBe("Soon roofing job. No visit was booked. Still missing: address, name.");
    expect(result.qualificationScore).toBe(QUALIFICATION_POINTS.trade + QUALIFICATION_POINTS.urgency);
  });

  it("a handover and offered-but-unbooked times are said as such", async () => {
    const handoff = await new LocalSummarizer().summarize({
      tenantName: "X",
      history,
      state: state({ stage: "handoff", job: { trade: "electrical" } }),
      settings,
    });
    expect(handoff.summary).toContain("The caller was handed over to a person.");
    const offered = await new LocalSummarizer().summarize({
      tenantName: "X",
      history,
      state: state({
        stage: "offering",
        offered: [{ id: "s1", proId: "p", proName: "Pat", start: 0, end: 1, label: "Mon" }],
        job: booked.job,
      }),
      settings,
    });
    expect(offered.summary).toContain("Times were offered but none was booked.");
    expect(offered.qualificationScore).toBe(100 - QUALIFICATION_POINTS.booked);
  });

  it("a call that ended before anything was said scores 0", async () => {
    expect(await new LocalSummarizer().summarize({ tenantName: "X", history: [], state: null, settings })).toEqual({
      summary: "The caller hung up before describing a job.",
      qualificationScore: 0,
      summarizer: "local",
    });
    expect(qualificationScore(state())).toBe(0);
  });
});

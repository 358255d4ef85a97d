import { describe, expect, it } from "vitest";
import { missingDetails, type EngineState, type EngineTools, type OfferedSlot, type TurnInput } from "./engine";
import { LocalEngine } from "./local";

const slots: OfferedSlot[] = [1, 2, 3].map((n) => ({ id: `s${n}`, proId: "pro_1", proName: "Pat", start: n, end: n + 1, label: `Mon ${8 + n}:00 AM` }));

function harness(options: { proAvailable?: boolean } = {}) {
  const state: EngineState = { stage: "collecting", job: {}, asked: null, offered: [], booking: null };
  const log: string[] = [];
  const tools: EngineTools = {
    async saveJobDetails(details) {
      state.job = { ...state.job, ...details };
      return { job: state.job, missing: missingDetails(state.job) };
    },
    async findAvailableSlots() {
      log.push("find");
      if (options.proAvailable === false) return { ok: false, problem: "no pro" };
      state.offered = slots;
      state.stage = "offering";
      return { ok: true, proName: "Pat", slots };
    },
    async bookSlot(id) {
      log.push(`book ${id}`);
      state.stage = "booked";
      state.booking = { id: "bkg_1", label: slots.find((s) => s.id === id)!.label, proName: "Pat" };
      return { ok: true, label: state.booking.label, proName: "Pat", rescheduled: false };
    },
    cancelBooking: async () => ({ ok: true, detail: "cancelled" }),
    async handoffToHuman(reason) {
      log.push(`handoff: ${reason}`);
    },
  };
  const engine = new LocalEngine();
  const say = async (text: string, choiceId?: string) => (await engine.turn({ tenantName: "T", channel: "sms", message: { text, choiceId }, history: [], state, settings: { model: "", instructions: null } } as TurnInput, tools)).replies;
  return { state, log, say };
}

describe("unit: local engine", () => {
  it("asks for each missing detail in turn, takes yes/no for urgency, then offers numbered slots", async () => {
    const { state, log, say } = harness();
    expect((await say("hello"))[0]!.text).toMatch(/What do you need help with/);
    expect((await say("the kitchen tap drips"))[0]!.text).toMatch(/address/);
    expect(state.job.trade).toBe("plumbing");
    expect((await say("9 Rose Lane 78704"))[0]!.text).toMatch(/what name/);
    expect((await say("Jamie Fox"))[0]!.text).toMatch(/emergency.*\(yes\/no\)/);
    const offer = await say("no");
    expect(state.job).toMatchObject({ name: "Jamie Fox", urgency: "flexible", postcode: "78704", address: "9 Rose Lane" });
    expect(offer[0]!.choices!.map((c) => c.id)).toEqual(["slot:1", "slot:2", "slot:3"]);
    expect((await say("7"))[0]!.text).toBe("Please pick a number from 1 to 3.");
    expect((await say("Mon 10:00 AM", "slot:2"))[0]!.text).toMatch(/^Booked: Mon 10:00 AM with Pat/);
    expect(log).toEqual(["find", "book s2"]);
  });

  it("hands over to a person when asked, or when no pro can take the job", async () => {
    const asked = harness();
    expect((await asked.say("can I speak to a real person"))[0]!.text).toMatch(/member of our team/);
    expect(asked.log).toEqual(["handoff: The customer asked for a person."]);
    const none = harness({ proAvailable: false });
    const replies = await none.say("I'm Ada, burst pipe at 1 Main St 78704");
    expect(replies[0]!.text).toMatch(/don't have a pro free/);
    expect(none.log).toEqual(["find", "handoff: no pro"]);
  });
});

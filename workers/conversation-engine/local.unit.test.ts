import { describe, expect, it } from "vitest";
import { missingDetails, type EngineState, type EngineTools, type OfferedSlot, type TurnInput } from "./engine";
import { LocalEngine } from "./local";

const slots: OfferedSlot[] = [1, 2, 3].map((n) => ({
  id: `s${n}`,
  proId: "pro_1",
  proName: "Pat",
  start: n,
  end: n + 1,
  label: `Mon ${8 + n}:00 AM`,
}));

function harness(options: { proAvailable?: boolean; channel?: TurnInput["channel"] } = {}) {
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
  const say = async (text: string, choiceId?: string) =>
    (
      await engine.turn(
        {
          tenantName: "T",
          channel: options.channel ?? "sms",
          message: { text, choiceId },
          history: [],
          state,
          settings: { model: "", instructions: null },
          timeZone: "UTC",
        } as TurnInput,
        tools,
      )
    ).replies;
  return { state, log, say };
}

describe("unit: local engine", () => {
  it("after a hand-back it stands by the team's promise: answers 'when' from it, never searches or hands off", async () => {
    const { state, log, say } = harness({ proAvailable: false });
    state.job = { trade: "roofing", address: "14 Barton Skyway", name: "Maria", urgency: "emergency" };
    const hourAgo = Date.now() - 3_600_000;
    state.teamNotes = [
      { text: "Sorry for the wait, looking into it now", at: hourAgo - 60_000 },
      { text: "Our roofer can come tomorrow at 9am", at: hourAgo },
    ];
    const [answer] = await say("what time will they come?");
    const written = new Intl.DateTimeFormat("en-US", { weekday: "long", hour: "numeric", minute: "2-digit", timeZone: "UTC" }).format(
      hourAgo,
    );
    expect(answer!.text).toBe(
      `Our team arranged it with you: “Our roofer can come tomorrow at 9am” (our team, ${written}). If anything changes they'll tell you here.`,
    );
    expect((await say("ok thanks"))[0]!.text).toMatch(/^Thanks, Maria, noted\. As our team said: “Our roofer can come tomorrow at 9am”/);
    expect(log).toEqual([]);
    expect(state.stage).toBe("collecting");
    // A promise from days ago is history: the usual flow answers again.
    state.teamNotes = [{ text: "Our roofer can come tomorrow at 9am", at: Date.now() - 4 * 86_400_000 }];
    expect((await say("what time will they come?"))[0]!.text).toMatch(/don't have a pro free/);
  });

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

  it("on a call it asks to say and tell, never to reply, tap or share", async () => {
    const { say } = harness({ channel: "voice" });
    const spoken = [
      ...(await say("hello")),
      ...(await say("the kitchen tap drips")),
      ...(await say("9 Rose Lane 78704")),
      ...(await say("Jamie Fox")),
      ...(await say("no")),
      ...(await say("7")),
      ...(await say("2")),
      ...(await say("what time is it again")),
      ...(await say("I want a real person")),
    ].map((reply) => reply.text);
    expect(spoken[1]).toBe("What's the address of the job? Tell me the street and the ZIP code or postcode.");
    expect(spoken[3]).toBe("Is it an emergency that needs someone today?");
    expect(spoken[5]).toBe("Please say a number from 1 to 3.");
    expect(spoken[6]).toMatch(/^Booked: Mon 10:00 AM with Pat\. We've let them know\. Say reschedule to change the time/);
    expect(spoken[7]).toMatch(/^You're booked for Mon 10:00 AM with Pat\. Say reschedule/);
    expect(spoken[8]).toBe("Of course. I'll get a member of our team for you.");
    for (const line of spoken) expect(line).not.toMatch(/\b(reply|tap|share)\b|\(yes\/no\)|\b[A-Z]{4,}\b/);
  });

  it("stops when the turn is aborted", async () => {
    const { state } = harness();
    const controller = new AbortController();
    controller.abort(new Error("caller spoke again"));
    const turn = new LocalEngine().turn(
      {
        tenantName: "T",
        channel: "voice",
        message: { text: "hello" },
        history: [],
        state,
        settings: { model: "", instructions: null },
        signal: controller.signal,
      },
      {} as never,
    );
    await expect(turn).rejects.toThrow("caller spoke again");
  });
});

import Anthropic from "@anthropic-ai/sdk";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "../../tests/api";
import { postWhatsApp, replies, settle, thread, whatsappText, workspace } from "../../tests/conversations";
import type { ScriptedReply } from "../../tests/fakes/anthropic";
import { ClaudeEngine } from "./claude";
import type { EngineState, EngineTools, JobDetails, OfferedSlot } from "./engine";
import { claudeBreaker } from "./index";

const fake = env.ANTHROPIC_BASE_URL!;
const script = (key: string, replies: ScriptedReply[]) =>
  fetch(`${fake}/__script`, { method: "POST", body: JSON.stringify({ key, replies }) });
const requests = async (key: string) => (await (await fetch(`${fake}/__requests?key=${encodeURIComponent(key)}`)).json()) as any[];
const toolUse = (name: string, input: Record<string, unknown>): ScriptedReply => ({
  content: [{ type: "tool_use", id: `toolu_${name}_${Math.random().toString(36).slice(2)}`, name, input }],
  stop_reason: "tool_use",
});
const text = (t: string): ScriptedReply => ({ content: [{ type: "text", text: t }], stop_reason: "end_turn" });

describe("integration: conversation with Claude (real SDK against the Messages API fake)", () => {
  it("emergency leak → save_job_details → find_available_slots → book_slot → booked, both notified", async () => {
    const ws = await workspace(undefined, "auto");
    const company = (await json(await call("GET", "/api/v1/me", { token: ws.token }))).tenant.name;
    await script(company, [
      toolUse("save_job_details", {
        trade: "plumbing",
        description: "Water pouring through the ceiling",
        urgency: "emergency",
        address: "12 Oak Street",
        city: "Austin",
        postcode: "78704",
        name: "Maria",
      }),
      toolUse("find_available_slots", {}),
      text("So sorry, Maria. Pat can come at one of these times, which works?"),
      toolUse("book_slot", { slot_id: "s1" }),
      text("Done: Pat is booked and on the way at that time."),
    ]);
    const customer = "15125550190";
    await postWhatsApp(whatsappText(ws, customer, "Water is pouring through my ceiling at 12 Oak Street, Austin 78704. I'm Maria"));
    await settle();
    let t = await thread(ws, customer);
    const offer = t.messages.at(-1);
    expect(offer).toMatchObject({ author: "ai", kind: "interactive" });
    expect(offer.body).toContain("Pat can come");
    expect(offer.payload.interactive.action.buttons.map((b: any) => b.reply.id)).toEqual(["slot:1", "slot:2", "slot:3"]);

    await postWhatsApp(whatsappText(ws, customer, "The first one please"));
    await settle();
    t = await thread(ws, customer);
    expect(replies(t).at(-1)).toBe("Done: Pat is booked and on the way at that time.");
    expect(t.stage).toBe("booked");
    const lead = await json(await call("GET", `/api/v1/leads/${t.leadId}`, { token: ws.token }));
    expect(lead).toMatchObject({ status: "booked", trade: "plumbing", hot: true, source: "whatsapp" });
    const booking = await json(await call("GET", `/api/v1/bookings/${t.bookingId}`, { token: ws.token }));
    expect(booking).toMatchObject({ proId: ws.pros.plumber.id, status: "confirmed", customerName: "Maria" });
    const proTexts = await env.DB.prepare("SELECT body FROM outbox WHERE tenant_id = ? AND recipient = '+15125550111'")
      .bind(ws.tenantId)
      .all<{ body: string }>();
    expect(proTexts.results[0]!.body).toMatch(/^New booking: /);

    const sent = await requests(company);
    expect(sent).toHaveLength(5);
    expect(sent[0].model).toBe("claude-test-model");
    expect(sent[0].tools.map((tool: any) => tool.name)).toEqual([
      "save_job_details",
      "find_available_slots",
      "book_slot",
      "cancel_booking",
      "handoff_to_human",
    ]);
    const slotsResult = JSON.parse(sent[2].messages.at(-1).content[0].content);
    expect(slotsResult).toMatchObject({ ok: true, pro: "Pat Plumber", slots: [{ slot_id: "s1" }, { slot_id: "s2" }, { slot_id: "s3" }] });
    // The second turn carries the first as history, in alternating roles.
    expect(sent[3].messages.map((m: any) => m.role)).toEqual(["user", "assistant", "user"]);
  }, 20_000);

  it("when Claude fails, the local engine answers the customer (retries, then fallback)", async () => {
    claudeBreaker.success();
    const ws = await workspace(undefined, "auto"); // no script: every call is a 500
    const company = (await json(await call("GET", "/api/v1/me", { token: ws.token }))).tenant.name;
    await postWhatsApp(whatsappText(ws, "15125550191", "My toilet is overflowing"));
    await settle();
    const t = await thread(ws, "15125550191");
    expect(replies(t)).toEqual([expect.stringMatching(/urgent.*address/is)]);
    expect(await requests(company)).toHaveLength(3); // one try + two retries
    claudeBreaker.success();
  }, 20_000);
});

describe("unit: Claude engine streaming and tool scoping", () => {
  it("streams text deltas over SSE and runs streamed tool calls", async () => {
    const key = `stream-${Date.now()}`;
    await script(key, [
      toolUse("save_job_details", { trade: "roofing", address: "1 Hill Road", postcode: "78704" }),
      text("Thanks! Is it an emergency that needs someone today?"),
    ]);
    const saved: JobDetails[] = [];
    const state: EngineState = { stage: "collecting", job: {}, asked: null, offered: [], booking: null };
    const tools: EngineTools = {
      async saveJobDetails(details) {
        saved.push(details);
        state.job = { ...state.job, ...details };
        return { job: state.job, missing: ["name", "urgency"] };
      },
      findAvailableSlots: async () => ({ ok: false, problem: "unused" }),
      bookSlot: async () => ({ ok: false, reason: "unused", alternatives: [] as OfferedSlot[] }),
      cancelBooking: async () => ({ ok: false, detail: "unused" }),
      handoffToHuman: async () => undefined,
    };
    const deltas: string[] = [];
    const engine = new ClaudeEngine(new Anthropic({ apiKey: "sk-ant-test", baseURL: fake, maxRetries: 0 }));
    const result = await engine.turn(
      {
        tenantName: key,
        channel: "voice",
        message: { text: "roof leak at 1 Hill Road 78704" },
        history: [],
        state,
        settings: { model: "claude-test-model", instructions: "Speak like a butler." },
        onText: (d) => deltas.push(d),
      },
      tools,
    );
    expect(saved).toEqual([{ trade: "roofing", address: "1 Hill Road", postcode: "78704" }]);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe("Thanks! Is it an emergency that needs someone today?");
    expect(result).toEqual({ replies: [{ text: "Thanks! Is it an emergency that needs someone today?" }], engine: "claude" });
    const sent = await requests(key);
    expect(sent.every((r) => r.stream === true)).toBe(true);
    expect(sent[0].system).toContain("Speak like a butler.");
  });

  it("an aborted turn cancels the streaming request: no more text, no tools", async () => {
    const key = `abort-${Date.now()}`;
    const script = (replies: ScriptedReply[]) =>
      fetch(`${fake}/__script`, { method: "POST", body: JSON.stringify({ key, replies, latency: { deltaMs: 40 } }) });
    await script([
      text("Thanks for calling, let me take a few details from you first."),
      toolUse("save_job_details", { trade: "roofing" }),
    ]);
    const state: EngineState = { stage: "collecting", job: {}, asked: null, offered: [], booking: null };
    const control = new AbortController();
    const deltas: string[] = [];
    const untouched = async () => {
      throw new Error("no tool may run");
    };
    const tools = {
      saveJobDetails: untouched,
      findAvailableSlots: untouched,
      bookSlot: untouched,
      cancelBooking: untouched,
      handoffToHuman: untouched,
    } as unknown as EngineTools;
    const engine = new ClaudeEngine(new Anthropic({ apiKey: "sk-ant-test", baseURL: fake, maxRetries: 0 }));
    const onText = (delta: string) => {
      deltas.push(delta);
      control.abort(new Error("the caller spoke"));
    };
    await expect(
      engine.turn(
        {
          tenantName: key,
          channel: "voice",
          message: { text: "hi" },
          history: [],
          state,
          settings: { model: "claude-test-model", instructions: null },
          onText,
          signal: control.signal,
        },
        tools,
      ),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(deltas).toEqual(["Thanks f"]);
    expect(await requests(key)).toHaveLength(1);
  });
});

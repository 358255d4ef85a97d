import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { call, json } from "../../../tests/api";
import { uniqueDigits, workspace, type Workspace } from "../../../tests/conversations";
import type { ScriptedLatency, ScriptedReply } from "../../../tests/fakes/anthropic";
import { ElevenLabsTts } from "../../providers/tts/elevenlabs";
import { callState } from "../voice-turn";
import { FILLERS, SLOW_TOOL_MS } from "./filler";
import type { AgentSink } from "./phrase-cache";
import { startAgentTurn, type AgentTurnDeps } from "./turn";
import { spokenTimes } from "../speech";

const anthropic = env.ANTHROPIC_BASE_URL!;
const script = (key: string, replies: ScriptedReply[], latency?: ScriptedLatency) =>
  fetch(`${anthropic}/__script`, { method: "POST", body: JSON.stringify({ key, replies, latency }) });
const text = (t: string): ScriptedReply => ({ content: [{ type: "text", text: t }], stop_reason: "end_turn" });
const toolUse = (name: string, input: Record<string, unknown>): ScriptedReply => ({
  content: [{ type: "tool_use", id: `toolu_${crypto.randomUUID().slice(0, 8)}`, name, input }],
  stop_reason: "tool_use",
});
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ctx = { waitUntil: (promise: Promise<unknown>) => void promise.catch(() => undefined) };

function deps(timing?: AgentTurnDeps["timing"]): AgentTurnDeps {
  return { env, ctx, tts: new ElevenLabsTts("test-elevenlabs-key", `turn-voice-${crypto.randomUUID()}`, inject("elevenLabsUrl")), timing };
}

/** A call into `ws` from a fresh number, with its first-turn state. */
async function newCall(ws: Workspace) {
  const row = {
    id: `call_${uniqueDigits(10)}`,
    tenantId: ws.tenantId,
    channelId: ws.sms.id,
    fromNumber: `+1512${uniqueDigits(7)}`,
    stateJson: null,
    historyJson: "[]",
  };
  return { call: row, state: await callState(env, row) };
}

/** Everything the sink hears, with when (ms since `started`). */
function recorder() {
  const started = Date.now();
  const heard = { clauses: [] as string[], audio: [] as { index: number; bytes: number; at: number }[] };
  const sink: AgentSink = {
    clause: (t) => void heard.clauses.push(t),
    audio: (chunk, index) => void heard.audio.push({ index, bytes: chunk.length, at: Date.now() - started }),
  };
  return { heard, sink };
}

const leadsOf = async (tenantId: string) =>
  (await env.DB.prepare("SELECT id, source FROM leads WHERE tenant_id = ?").bind(tenantId).all<{ id: string; source: string }>()).results;
const companyOf = async (ws: Workspace) => (await json(await call("GET", "/api/v1/me", { token: ws.token }))).tenant.name as string;
const inOrder = (audio: { index: number }[]) => audio.every((a, i) => i === 0 || a.index >= audio[i - 1]!.index);

describe("integration: the agent's spoken turn", () => {
  it("local engine: the reply is cut into clauses, spoken in order, and the lead is made (source voice)", async () => {
    const ws = await workspace();
    const { call: c, state } = await newCall(ws);
    const { heard, sink } = recorder();
    const turn = startAgentTurn(deps(), { callerText: "My kitchen tap is dripping", history: [], state, call: c }, sink);
    const outcome = await turn.done;
    expect(outcome.failed).toBe(false);
    expect(outcome.clauses).toEqual(["What's the address of the job?", "Tell me the street and the ZIP code or postcode."]);
    expect(heard.clauses).toEqual(outcome.clauses);
    expect(new Set(heard.audio.map((a) => a.index))).toEqual(new Set([0, 1]));
    expect(inOrder(heard.audio)).toBe(true);
    expect(outcome.state).toMatchObject({ asked: "address", job: { trade: "plumbing" } });
    expect(state.leadId).toBeNull(); // the caller's copy is untouched
    expect(await leadsOf(ws.tenantId)).toEqual([{ id: outcome.state.leadId, source: "voice" }]);
    expect(outcome.latency.llmFirstTokenMs).not.toBeNull();
    expect(outcome.latency.ttsFirstByteMs).toBeGreaterThanOrEqual(outcome.latency.llmFirstTokenMs!);
  });

  it("Claude: streamed deltas become audio while the model is still writing; tools, a filler and the offered times follow", async () => {
    const ws = await workspace(undefined, "auto");
    const company = await companyOf(ws);
    const reply =
      "Thanks, Maria. I'm so sorry about the water coming through your ceiling, let's get that sorted for you today. Is anyone at the property now?";
    const latency = { firstTokenMs: 40, deltaMs: 60 };
    await script(company, [text(reply)], latency);
    const { call: c, state } = await newCall(ws);
    const { heard, sink } = recorder();
    const turn = startAgentTurn(deps(), { callerText: "Water is coming through my ceiling", history: [], state, call: c }, sink);
    const outcome = await turn.done;
    // The model needs at least this long to stream the whole reply (8 characters a delta).
    const streamMs = latency.firstTokenMs + Math.ceil(reply.length / 8) * latency.deltaMs;
    expect(heard.audio[0]!.at).toBeLessThan(streamMs);
    expect(outcome.clauses).toEqual([
      "Thanks, Maria.",
      "I'm so sorry about the water coming through your ceiling,",
      "let's get that sorted for you today.",
      "Is anyone at the property now?",
    ]);
    expect(outcome.latency.llmFirstTokenMs).toBeGreaterThanOrEqual(latency.firstTokenMs);
    expect(outcome.latency.ttsFirstByteMs).toBeGreaterThan(outcome.latency.llmFirstTokenMs!);
    expect(inOrder(heard.audio)).toBe(true);

    // After each tool the model takes longer than the filler threshold to answer again.
    await script(
      company,
      [
        toolUse("save_job_details", {
          trade: "plumbing",
          description: "Water through the ceiling",
          urgency: "emergency",
          address: "12 Oak Street",
          city: "Austin",
          postcode: "78704",
          name: "Maria",
        }),
        toolUse("find_available_slots", {}),
        text("Pat can come at one of these times."),
      ],
      { firstTokenMs: SLOW_TOOL_MS + 200 },
    );
    const next = startAgentTurn(
      deps(),
      { callerText: "12 Oak Street, Austin 78704, I'm Maria, it's an emergency", history: [], state: outcome.state, call: c },
      recorder().sink,
    );
    const offered = await next.done;
    expect(offered.state.stage).toBe("offering");
    expect(Object.values(FILLERS)).toContain(offered.clauses[0]);
    expect(offered.clauses.filter((t) => Object.values(FILLERS).includes(t))).toHaveLength(1);
    expect(offered.clauses[1]).toBe("Pat can come at one of these times.");
    expect(offered.clauses.slice(2)).toEqual(
      offered.state.offered.map((slot, i) => `Say ${i + 1} for ${spokenTimes(slot.label)}, Pat Plumber.`),
    );
  }, 15_000);

  it("abort mid-turn: the sink hears nothing more and done reports what was spoken", async () => {
    const ws = await workspace(undefined, "auto");
    await script(
      await companyOf(ws),
      [text("Thanks for calling. We can certainly help with that, and I have a few quick questions for you. First, what is the address?")],
      { firstTokenMs: 10, deltaMs: 80 },
    );
    const { call: c, state } = await newCall(ws);
    const { heard, sink } = recorder();
    let turn: ReturnType<typeof startAgentTurn>;
    const counted = { ...sink, audio: (chunk: Uint8Array, index: number) => (sink.audio(chunk, index), turn.abort()) };
    turn = startAgentTurn(deps(), { callerText: "Hello?", history: [], state, call: c }, counted);
    const outcome = await turn.done;
    await after(300);
    expect(heard.audio).toHaveLength(1);
    expect(outcome).toMatchObject({ failed: false, clauses: ["Thanks for calling."] });
  });

  it("gated: audio waits for the gate, and an abort before it opens commits nothing", async () => {
    const ws = await workspace();
    const { call: c, state } = await newCall(ws);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { heard, sink } = recorder();
    const turn = startAgentTurn(deps(), { callerText: "The roof is leaking", history: [], state, call: c, gate }, sink);
    await after(400);
    expect(heard.clauses).toEqual([]);
    expect(await leadsOf(ws.tenantId)).toEqual([]); // the tools wait for the gate too
    open();
    const outcome = await turn.done;
    expect(outcome.clauses).toEqual([
      "That sounds urgent, let's get someone out to you fast.",
      "What's the address of the job?",
      "Tell me the street and the ZIP code or postcode.",
    ]);
    expect(heard.audio.length).toBeGreaterThan(0);
    expect(await leadsOf(ws.tenantId)).toHaveLength(1);

    const discarded = await newCall(ws);
    const quiet = recorder();
    const speculative = startAgentTurn(
      deps(),
      {
        callerText: "I'm Ada, burst pipe at 1 Main St 78704",
        history: [],
        state: discarded.state,
        call: discarded.call,
        gate: new Promise(() => undefined),
      },
      quiet.sink,
    );
    await after(300);
    speculative.abort();
    const dropped = await speculative.done;
    expect(dropped).toMatchObject({ clauses: [], failed: false });
    expect(quiet.heard).toEqual({ clauses: [], audio: [] });
    expect(await leadsOf(ws.tenantId)).toHaveLength(1); // no lead for the discarded caller

    const refused = await newCall(ws);
    const outcome2 = await startAgentTurn(
      deps(),
      {
        callerText: "I'm Ada, burst pipe at 1 Main St 78704",
        history: [],
        state: refused.state,
        call: refused.call,
        gate: after(200).then(() => Promise.reject(new Error("the caller went on"))),
      },
      quiet.sink,
    ).done;
    expect(outcome2).toMatchObject({ clauses: [], failed: false });
    expect(quiet.heard).toEqual({ clauses: [], audio: [] });
    expect(await leadsOf(ws.tenantId)).toHaveLength(1);
  });

  it("an engine that stalls fails the turn promptly (the session apologises and transfers)", async () => {
    const ws = await workspace(undefined, "auto");
    await script(await companyOf(ws), [text("Too late.")], { firstTokenMs: 5000 });
    const { call: c, state } = await newCall(ws);
    const { heard, sink } = recorder();
    const began = Date.now();
    const outcome = await startAgentTurn(deps({ engineIdleMs: 300 }), { callerText: "Hello?", history: [], state, call: c }, sink).done;
    expect(outcome).toMatchObject({ failed: true, clauses: [], handoff: false, latency: { llmFirstTokenMs: null, ttsFirstByteMs: null } });
    expect(Date.now() - began).toBeLessThan(2000);
    expect(heard.audio).toEqual([]);
  });
});

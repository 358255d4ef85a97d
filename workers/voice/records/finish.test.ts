import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../../../tests/api";
import { uniqueDigits, workspace } from "../../../tests/conversations";
import type { ScriptedReply } from "../../../tests/fakes/anthropic";
import { seedCall } from "../../../tests/voice";
import type { EngineState } from "../../conversation-engine/engine";
import { claudeBreaker } from "../../conversation-engine";
import { finishCallRecords } from "./finish";

const fake = env.ANTHROPIC_BASE_URL!;
const script = (key: string, replies: ScriptedReply[]) =>
  fetch(`${fake}/__script`, { method: "POST", body: JSON.stringify({ key, replies }) });
const requests = async (key: string) => (await (await fetch(`${fake}/__requests?key=${encodeURIComponent(key)}`)).json()) as any[];
const summaryOf = (callId: string) =>
  env.DB.prepare("SELECT summary, qualification_score FROM calls WHERE id = ?").bind(callId).first<any>();

/** A WaitUntil that keeps the promises, so a test can await what would run after the response. */
function background() {
  const pending: Promise<unknown>[] = [];
  return { ctx: { waitUntil: (p: Promise<unknown>) => void pending.push(p) }, settled: () => Promise.all(pending) };
}
const callsTotal = async (outcome: string) =>
  Number(
    (await (await call("GET", "/metrics", { headers: { Authorization: "Bearer test-ops-token" } })).text()).match(
      new RegExp(`homeline_voice_calls_total\\{outcome="${outcome}"\\} (\\d+)`),
    )?.[1] ?? 0,
  );

const history = [
  { role: "customer" as const, text: "The wiring in my garage is sparking" },
  { role: "assistant" as const, text: "That sounds urgent. What's the address?" },
  { role: "customer" as const, text: "4 Elm Road, Austin 78701, I'm Sam" },
];
const state: EngineState = {
  stage: "collecting",
  job: {
    trade: "electrical",
    description: "Garage wiring sparking",
    urgency: "emergency",
    address: "4 Elm Road",
    city: "Austin",
    postcode: "78701",
    name: "Sam",
  },
  asked: null,
  offered: [],
  booking: null,
};

describe("finishCallRecords", () => {
  it("local engine: writes the summary and score once and counts the call by outcome", async () => {
    const ws = await workspace();
    const outcome = `completed`;
    const c = await seedCall(ws, { outcome, ended_at: Date.now(), duration_seconds: 80 });
    const before = await callsTotal(outcome);
    const run = background();
    const result = await finishCallRecords(env, run.ctx, { tenantId: ws.tenantId, callId: c.id }, { history, state });
    await run.settled();
    expect(result).toMatchObject({ summarizer: "local", qualificationScore: 80 });
    expect(await summaryOf(c.id)).toEqual({
      summary: "Emergency electrical job at 4 Elm Road, Austin, 78701 for Sam: Garage wiring sparking. No visit was booked.",
      qualification_score: 80,
    });

    const again = background();
    expect(await finishCallRecords(env, again.ctx, { tenantId: ws.tenantId, callId: c.id }, { history: [], state: null })).toBeNull();
    await again.settled();
    expect((await summaryOf(c.id)).qualification_score).toBe(80);
    expect((await callsTotal(outcome)) - before).toBe(1);
  });

  it("Claude: a forced record_call_summary tool call gives the summary and score", async () => {
    claudeBreaker.success();
    const company = `Spark Pros ${uniqueDigits(6)}`;
    const ws = await workspace(company, "auto");
    const c = await seedCall(ws, { outcome: "completed" });
    await script(company, [
      {
        content: [
          {
            type: "tool_use",
            id: "toolu_summary",
            name: "record_call_summary",
            input: { summary: "Sam reported sparking garage wiring at 4 Elm Road; emergency, not yet booked.", qualification_score: 85 },
          },
        ],
        stop_reason: "tool_use",
      },
    ]);
    const run = background();
    const result = await finishCallRecords(env, run.ctx, { tenantId: ws.tenantId, callId: c.id }, { history, state });
    await run.settled();
    expect(result).toEqual({
      summary: "Sam reported sparking garage wiring at 4 Elm Road; emergency, not yet booked.",
      qualificationScore: 85,
      summarizer: "claude",
    });
    expect(await summaryOf(c.id)).toEqual({ summary: result!.summary, qualification_score: 85 });
    const [sent] = await requests(company);
    expect(sent).toMatchObject({
      model: "claude-test-model",
      tool_choice: { type: "tool", name: "record_call_summary" },
      tools: [{ name: "record_call_summary" }],
    });
    expect(sent.messages[0].content).toContain("Caller: The wiring in my garage is sparking");
  });

  it("Claude down or answering out of schema: the local summary is written instead", async () => {
    claudeBreaker.success();
    const company = `Spark Pros ${uniqueDigits(6)}`;
    const ws = await workspace(company, "auto");
    const c = await seedCall(ws, { outcome: "completed" });
    await script(company, [
      {
        content: [{ type: "tool_use", id: "toolu_bad", name: "record_call_summary", input: { summary: "x", qualification_score: 250 } }],
        stop_reason: "tool_use",
      },
    ]);
    const run = background();
    expect(await finishCallRecords(env, run.ctx, { tenantId: ws.tenantId, callId: c.id }, { history, state })).toMatchObject({
      summarizer: "local",
      qualificationScore: 80,
    });
    const outage = await seedCall(ws, { outcome: "completed" }); // the script is used up: the fake answers 500
    expect(await finishCallRecords(env, run.ctx, { tenantId: ws.tenantId, callId: outage.id }, { history, state })).toMatchObject({
      summarizer: "local",
    });
    await run.settled();
    claudeBreaker.success();
  });
});

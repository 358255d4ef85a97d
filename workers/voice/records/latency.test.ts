import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../../../tests/api";
import { workspace } from "../../../tests/conversations";
import { seedCall } from "../../../tests/voice";
import { recordTurnLatency } from "./latency";

const ops = { Authorization: "Bearer test-ops-token" };
const metrics = async () => (await call("GET", "/metrics", { headers: ops })).text();
const count = (text: string, stage: string) =>
  Number(text.match(new RegExp(`homeline_voice_turn_latency_seconds_count\\{stage="${stage}"\\} (\\d+)`))?.[1] ?? 0);
const bucket = (text: string, stage: string, le: string) =>
  Number(
    text.match(new RegExp(`homeline_voice_turn_latency_seconds_bucket\\{stage="${stage}",le="${le.replace("+", "\\+")}"\\} (\\d+)`))?.[1] ??
      0,
  );

describe("recordTurnLatency", () => {
  it("stores each turn once and exports its stages as /metrics histograms", async () => {
    const ws = await workspace();
    const c = await seedCall(ws, { status: "in-progress", mode: "stream" });
    const ref = { tenantId: ws.tenantId, callId: c.id };
    const before = await metrics();
    const turn = {
      turn: 1,
      sttFinalMs: 300,
      llmFirstTokenMs: 640,
      ttsFirstByteMs: 712,
      firstFrameMs: 540.4,
      overheadMs: 9,
      speculative: true,
    };
    await recordTurnLatency(env, ref, turn);
    await recordTurnLatency(env, ref, turn); // a replay is not a second turn
    await recordTurnLatency(env, ref, {
      turn: 2,
      sttFinalMs: 310,
      llmFirstTokenMs: null,
      ttsFirstByteMs: null,
      firstFrameMs: 1700,
      overheadMs: 4,
      speculative: false,
    });

    const stored = await env.DB.prepare(
      "SELECT turn, stt_final_ms, llm_first_token_ms, first_frame_ms, overhead_ms, speculative FROM call_turn_latency WHERE tenant_id = ? AND call_id = ? ORDER BY turn",
    )
      .bind(ws.tenantId, c.id)
      .all();
    expect(stored.results).toEqual([
      { turn: 1, stt_final_ms: 300, llm_first_token_ms: 640, first_frame_ms: 540, overhead_ms: 9, speculative: 1 },
      { turn: 2, stt_final_ms: 310, llm_first_token_ms: null, first_frame_ms: 1700, overhead_ms: 4, speculative: 0 },
    ]);

    const after = await metrics();
    expect(after).toContain("# TYPE homeline_voice_turn_latency_seconds histogram");
    expect(count(after, "first_frame") - count(before, "first_frame")).toBe(2);
    expect(count(after, "llm_first_token") - count(before, "llm_first_token")).toBe(1); // a stage that did not happen is not observed
    expect(bucket(after, "first_frame", "0.6") - bucket(before, "first_frame", "0.6")).toBe(1);
    expect(bucket(after, "first_frame", "2") - bucket(before, "first_frame", "2")).toBe(2);
    expect(bucket(after, "overhead", "0.01") - bucket(before, "overhead", "0.01")).toBe(2);
    expect(after).toMatch(/^homeline_voice_calls_active \d+$/m);
  });

  it("records nothing for another tenant's call", async () => {
    const a = await workspace();
    const b = await workspace();
    const c = await seedCall(a);
    await recordTurnLatency(
      env,
      { tenantId: b.tenantId, callId: c.id },
      { turn: 1, sttFinalMs: 1, llmFirstTokenMs: 1, ttsFirstByteMs: 1, firstFrameMs: 1, overheadMs: 1, speculative: false },
    );
    expect(await env.DB.prepare("SELECT count(*) AS n FROM call_turn_latency WHERE call_id = ?").bind(c.id).first()).toEqual({ n: 0 });
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { workspace } from "../../../tests/conversations";
import { seedCall } from "../../../tests/voice";
import { appendTranscript, nextTranscriptSeq } from "./transcript";
import type { TranscriptEntry } from "./types";

const rows = (callId: string) =>
  env.DB.prepare("SELECT seq, speaker, text, start_ms, end_ms, interrupted FROM call_transcript WHERE call_id = ? ORDER BY seq")
    .bind(callId)
    .all<any>();
const line = (seq: number, speaker: TranscriptEntry["speaker"], text: string, over: Partial<TranscriptEntry> = {}): TranscriptEntry => ({
  seq,
  speaker,
  text,
  startMs: seq * 1000,
  endMs: seq * 1000 + 800,
  interrupted: false,
  ...over,
});

describe("appendTranscript", () => {
  it("is idempotent by seq: a replayed line is ignored, new ones are added", async () => {
    const ws = await workspace();
    const c = await seedCall(ws, { status: "in-progress" });
    const ref = { tenantId: ws.tenantId, callId: c.id };
    await appendTranscript(env, ref, [line(0, "agent", "Thanks for calling."), line(1, "caller", "My boiler is broken.")]);
    await appendTranscript(env, ref, [
      line(1, "caller", "A different text for the same seq"),
      line(2, "agent", "Sorry to hear", { interrupted: true, endMs: null }),
    ]);
    expect((await rows(c.id)).results).toEqual([
      { seq: 0, speaker: "agent", text: "Thanks for calling.", start_ms: 0, end_ms: 800, interrupted: 0 },
      { seq: 1, speaker: "caller", text: "My boiler is broken.", start_ms: 1000, end_ms: 1800, interrupted: 0 },
      { seq: 2, speaker: "agent", text: "Sorry to hear", start_ms: 2000, end_ms: null, interrupted: 1 },
    ]);
    expect(await nextTranscriptSeq(env, ref)).toBe(3);
  });

  it("writes nothing onto another tenant's call", async () => {
    const a = await workspace();
    const b = await workspace();
    const c = await seedCall(a);
    await appendTranscript(env, { tenantId: b.tenantId, callId: c.id }, [line(0, "caller", "hijacked")]);
    expect((await rows(c.id)).results).toEqual([]);
    expect(await nextTranscriptSeq(env, { tenantId: b.tenantId, callId: c.id })).toBe(0);
  });
});

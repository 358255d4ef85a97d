import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createLead, expectProblem, json } from "../../tests/api";
import { workspace } from "../../tests/conversations";
import { mulawWav, seedCall } from "../../tests/voice";
import { appendTranscript } from "../voice/records/transcript";
import { recordTurnLatency } from "../voice/records/latency";
import { storeRecording } from "../voice/records/recording";

const list = async (token: string, query = "") => json(await call("GET", `/api/v1/calls${query}`, { token }));
const ids = (page: { items: { id: string }[] }) => page.items.map((c) => c.id);

describe("GET /api/v1/calls", () => {
  it("newest first with keyset pages, and filters by status, outcome, caller digits, dates, active and lead", async () => {
    const ws = await workspace();
    const lead = await createLead(ws.token, { name: "Maria Garcia", phone: "+15125550166" });
    const day = 86_400_000;
    const t0 = Date.parse("2026-03-02T15:00:00Z");
    const done = await seedCall(ws, {
      started_at: t0,
      outcome: "completed",
      from_number: "+15125550166",
      lead_id: lead.id,
      ended_at: t0 + 95_000,
      duration_seconds: 95,
      cost_credits: 48,
      qualification_score: 80,
      summary: "Leak fixed.",
    });
    const moved = await seedCall(ws, { started_at: t0 + day, outcome: "transferred", from_number: "+15125550177" });
    const refused = await seedCall(ws, {
      started_at: t0 + 2 * day,
      status: "refused",
      outcome: "refused_cap",
      from_number: "+15125550188",
    });
    const live = await seedCall(ws, { started_at: Date.now(), status: "in-progress", from_number: "+15125550199" });

    expect(ids(await list(ws.token))).toEqual([live.id, refused.id, moved.id, done.id]);
    const first = await list(ws.token, "?limit=3");
    expect(ids(first)).toEqual([live.id, refused.id, moved.id]);
    const second = await list(ws.token, `?limit=3&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ items: [{ id: done.id }], nextCursor: null });

    expect(ids(await list(ws.token, "?status=refused"))).toEqual([refused.id]);
    expect(ids(await list(ws.token, "?outcome=completed,transferred"))).toEqual([moved.id, done.id]);
    expect(ids(await list(ws.token, "?q=(512) 555-0177"))).toEqual([moved.id]);
    expect(ids(await list(ws.token, "?from=2026-03-03&to=2026-03-04"))).toEqual([refused.id, moved.id]);
    expect(ids(await list(ws.token, "?active=true"))).toEqual([live.id]);
    expect(ids(await list(ws.token, `?leadId=${lead.id}`))).toEqual([done.id]);

    const [row] = (await list(ws.token, `?leadId=${lead.id}`)).items;
    expect(row).toEqual({
      id: done.id,
      from: "+15125550166",
      to: ws.sms.number,
      status: "completed",
      outcome: "completed",
      mode: "gather",
      startedAt: "2026-03-02T15:00:00.000Z",
      endedAt: "2026-03-02T15:01:35.000Z",
      durationSeconds: 95,
      billedMinutes: null,
      costCredits: 48,
      endReason: null,
      summary: "Leak fixed.",
      qualificationScore: 80,
      lead: { id: lead.id, name: "Maria Garcia", score: lead.score },
    });
  });

  it("bad filters are 400 problems; another workspace's calls never show", async () => {
    const a = await workspace();
    const b = await workspace();
    await seedCall(a);
    await expectProblem(await call("GET", "/api/v1/calls?status=ringing", { token: a.token }), 400);
    await expectProblem(await call("GET", "/api/v1/calls?q=abc", { token: a.token }), 400);
    await expectProblem(await call("GET", "/api/v1/calls?cursor=garbage", { token: a.token }), 400);
    await expectProblem(await call("GET", "/api/v1/calls?sort=name", { token: a.token }), 400);
    expect(await list(b.token)).toEqual({ items: [], nextCursor: null });
  });
});

describe("GET /api/v1/calls/:id", () => {
  it("the call log with transcript, latency per turn and percentiles, and a signed recording the player can seek", async () => {
    const ws = await workspace();
    const c = await seedCall(ws, { mode: "stream", outcome: "completed", duration_seconds: 12 });
    const ref = { tenantId: ws.tenantId, callId: c.id };
    await env.DB.prepare("UPDATE calls SET inbound_frames = 600, outbound_frames = 410, end_reason = 'silence' WHERE id = ?")
      .bind(c.id)
      .run();
    await appendTranscript(env, ref, [
      { seq: 0, speaker: "agent", text: "Thanks for calling.", startMs: 0, endMs: 1500, interrupted: false },
      { seq: 1, speaker: "caller", text: "My roof leaks.", startMs: 2100, endMs: 3000, interrupted: false },
      { seq: 2, speaker: "agent", text: "I'm sorry to", startMs: 3500, endMs: 3900, interrupted: true },
    ]);
    for (const [turn, firstFrameMs] of [
      [1, 500],
      [2, 700],
      [3, 900],
    ] as const)
      await recordTurnLatency(env, ref, {
        turn,
        sttFinalMs: 300,
        llmFirstTokenMs: 350,
        ttsFirstByteMs: 420,
        firstFrameMs,
        overheadMs: 8,
        speculative: turn === 1,
      });
    await storeRecording(env, ref, mulawWav(12));

    const detail = await json(await call("GET", `/api/v1/calls/${c.id}`, { token: ws.token }));
    expect(detail).toMatchObject({
      id: c.id,
      mode: "stream",
      outcome: "completed",
      endReason: "silence",
      recordingSeconds: 12,
      inboundFrames: 600,
      outboundFrames: 410,
      lead: null,
    });
    expect(detail.transcript.map((e: any) => [e.speaker, e.startMs, e.interrupted])).toEqual([
      ["agent", 0, false],
      ["caller", 2100, false],
      ["agent", 3500, true],
    ]);
    expect(detail.latency).toMatchObject({ firstFrameP50: 700, firstFrameP95: 900 });
    expect(detail.latency.turns[0]).toEqual({
      turn: 1,
      sttFinalMs: 300,
      llmFirstTokenMs: 350,
      ttsFirstByteMs: 420,
      firstFrameMs: 500,
      overheadMs: 8,
      speculative: true,
    });

    expect(detail.recordingUrl).toMatch(new RegExp(`^/api/v1/media/recordings/${ws.tenantId}/${c.id}\\.wav\\?exp=\\d+&sig=`));
    const audio = await call("GET", detail.recordingUrl, { headers: { Range: "bytes=0-3" } });
    expect(audio.status).toBe(206);
    expect(audio.headers.get("Content-Type")).toBe("audio/wav");
    expect(await audio.text()).toBe("RIFF");

    const text = await call("GET", `/api/v1/calls/${c.id}/transcript.txt`, { token: ws.token });
    expect(await text.text()).toBe(
      "[00:00] Agent: Thanks for calling.\n[00:02] Caller: My roof leaks.\n[00:03] Agent: I'm sorry to [interrupted]\n",
    );
  });

  it("another workspace's call is a 404 problem", async () => {
    const a = await workspace();
    const b = await workspace();
    const c = await seedCall(a);
    await expectProblem(await call("GET", `/api/v1/calls/${c.id}`, { token: b.token }), 404);
    await expectProblem(await call("GET", `/api/v1/calls/${c.id}/transcript.txt`, { token: b.token }), 404);
    await expectProblem(await call("GET", `/api/v1/calls/${c.id}`), 401);
  });
});

import { DEFAULT_VOICE_ID } from "../workers/providers/tts/elevenlabs";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { uniqueDigits, workspace } from "../tests/conversations";
import { twilioStream } from "../tests/media-stream";
import { call, json } from "../tests/api";
import { openSocket } from "../tests/sockets";
import { seedCall } from "../tests/voice";
import { silence, voiceFixture } from "../tests/voice-fixtures";
import { wavInfo } from "../workers/voice/audio/wav";
import { admitCall } from "../workers/voice/call-cap";
import { PHRASES } from "../workers/voice/agent/phrase-cache";
import { DEFAULT_DISCLOSURE } from "../workers/voice/voice-settings";
import { lines } from "../workers/voice/lines";
import { streamToken } from "../workers/voice/stream-token";
import type { CallSession } from "./call-session";
import type { LiveCall } from "./call-session/live-call";
import type { CallInfo } from "./call-session/store";

const http = (url: string) => url.replace(/^ws:/, "http:");
const post = (url: string, body: unknown) => fetch(url, { method: "POST", body: JSON.stringify(body) });
/** Text-to-speech speed of the fake: short audio keeps calls quick; natural speed leaves room to interrupt. */
// Only the voice the calls speak with (other files' own voices keep their timings).
const ttsSpeed = (msPerChar: number) => post(`${inject("elevenLabsUrl")}/__config`, { voiceId: DEFAULT_VOICE_ID, msPerChar });
const callRow = (id: string) => env.DB.prepare(`SELECT * FROM calls WHERE id = ?`).bind(id).first<Record<string, any>>();
const transcriptRows = (id: string) =>
  env.DB.prepare(`SELECT * FROM call_transcript WHERE call_id = ? ORDER BY seq`)
    .bind(id)
    .all<Record<string, any>>()
    .then((r) => r.results);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inObject = <R>(stub: DurableObjectStub<CallSession>, run: (instance: CallSession, state: DurableObjectState) => R | Promise<R>) =>
  runInDurableObject<CallSession, R>(stub, run);

interface CallOptions {
  utterances: string[];
  dropAfterMs?: number;
  forwardNumber?: string;
  company?: string;
  engine?: "local" | "auto";
  limits?: { silenceMs?: number; maxCallMs?: number };
}

/** An admitted streaming call whose session was prepared (as the webhook does), with Twilio's stream started. */
async function streamedCall(options: CallOptions) {
  const ws = await workspace(options.company, options.engine);
  const callSid = `CA${uniqueDigits(32)}`;
  const fromNumber = "+15125550166";
  const { id } = await admitCall(
    env,
    { tenantId: ws.tenantId, callSid, channelId: ws.sms.id, from: fromNumber, to: ws.sms.number, holdId: null, now: Date.now() },
    10_000,
  );
  await env.DB.prepare(`UPDATE calls SET mode = 'stream' WHERE id = ?`).bind(id).run();
  if (options.forwardNumber)
    await env.DB.prepare(`INSERT INTO voice_settings (tenant_id, forward_number, updated_at) VALUES (?, ?, ?)`)
      .bind(ws.tenantId, options.forwardNumber, Date.now())
      .run();
  await post(`${http(inject("deepgramUrl"))}/__script`, {
    tag: id,
    utterances: options.utterances,
    finalDelayMs: 300,
    ...(options.dropAfterMs ? { dropAfterMs: options.dropAfterMs } : {}),
  });
  const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(id));
  // Call control goes to the Twilio fake: the test bindings carry no Twilio account, so this call's object gets one.
  await inObject(
    stub,
    (instance) =>
      void Object.assign(instance, {
        env: { ...env, TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000", TWILIO_API_URL: inject("twilioUrl") },
      }),
  );
  const info: CallInfo = {
    callId: id,
    tenantId: ws.tenantId,
    callSid,
    channelId: ws.sms.id,
    fromNumber,
    toNumber: ws.sms.number,
    ...(options.limits ? { limits: options.limits } : {}),
  };
  await stub.prepare(info);
  const monitor = await openSocket(ws.token, "calls", id);
  const client = await twilioStream(id);
  client.connected();
  client.start(callSid, { callId: id, token: await streamToken(env, id) });
  const monitored = (type: string) => monitor.messages.filter((m) => m.type === type);
  const agentLines = () =>
    monitored("transcript")
      .map((m) => m.entry)
      .filter((e) => e.speaker === "agent");
  return { ws, id, callSid, stub, client, monitor, monitored, agentLines };
}

beforeAll(() => ttsSpeed(8));
afterEach(() => ttsSpeed(8));

describe("CallSession: a streamed call", () => {
  it("greets, answers a caller turn through the engine, measures it, and on stop writes recording, transcript, counters and summary", async () => {
    const { id, client, monitor, monitored, agentLines } = await streamedCall({ utterances: [voiceFixture("roof-leak.ulaw").text!] });
    expect(await monitor.next()).toMatchObject({ type: "snapshot", call: { id, status: "in-progress", mode: "stream" }, transcript: [] });
    await client.until(() => agentLines().length === 1, 8000, "the greeting to play out");
    // The first words disclose the recording (on by default), then the greeting.
    expect(agentLines()[0]).toMatchObject({
      text: expect.stringMatching(new RegExp(`^${DEFAULT_DISCLOSURE} Thanks for calling Leak Busters`)),
      interrupted: false,
    });
    // Malformed or unknown messages are ignored; the call goes on.
    client.raw("{not json");
    client.raw(JSON.stringify({ event: "media", sequenceNumber: "x" }));

    const framesBefore = client.mediaCount();
    await client.play(voiceFixture("roof-leak.ulaw").audio);
    await client.play(silence(600));
    await client.until(() => agentLines().length === 2, 10_000, "the agent's answer");
    expect(monitored("transcript").map((m) => m.entry.speaker)).toEqual(["agent", "caller", "agent"]);
    expect(monitored("transcript")[1].entry.text).toBe("Hi, my roof is leaking after the storm");
    expect(monitored("interim").length).toBeGreaterThan(0);
    expect(client.mediaCount()).toBeGreaterThan(framesBefore);
    expect(client.events()).toContain("mark");
    // Every outbound frame is 20 ms of bare μ-law.
    expect(client.received.filter((m) => m.event === "media").every((m) => atob(m.media!.payload).length === 160)).toBe(true);
    const [latency] = monitored("latency");
    expect(latency).toMatchObject({
      turn: expect.any(Number),
      sttFinalMs: expect.any(Number),
      firstFrameMs: expect.any(Number),
      overheadMs: expect.any(Number),
    });
    expect(latency.firstFrameMs).toBeGreaterThanOrEqual(latency.ttsFirstByteMs);

    client.stop((await callRow(id))!.call_sid);
    await client.until(() => monitored("status").some((m) => m.status === "ended"), 5000, "the end");
    await expect.poll(async () => (await callRow(id))!.summary, { timeout: 5000 }).toBeTruthy();
    const row = (await callRow(id))!;
    expect(row).toMatchObject({ mode: "stream", end_reason: "caller_hangup", recording_key: `recordings/${row.tenant_id}/${id}.wav` });
    expect(row.inbound_frames).toBeGreaterThanOrEqual(Math.floor((voiceFixture("roof-leak.ulaw").audio.length + 600 * 8) / 160));
    expect(row.outbound_frames).toBe(client.mediaCount());
    const wav = new Uint8Array(await (await env.MEDIA.get(row.recording_key))!.arrayBuffer());
    const info = wavInfo(wav);
    expect(info).toMatchObject({ channels: 2, sampleRate: 8000, bitsPerSample: 16 });
    // Both sides on one timeline: as long as the call's audio (caller frames as they arrived, agent frames as sent).
    expect(info.durationSeconds).toBeGreaterThanOrEqual(row.inbound_frames * 0.02 - 0.05);
    expect(info.durationSeconds).toBeLessThanOrEqual((Date.now() - row.started_at) / 1000);
    expect(row.recording_seconds).toBeCloseTo(info.durationSeconds, 2);
    const transcript = await transcriptRows(id);
    expect(transcript.map((t) => [t.speaker, t.interrupted])).toEqual([
      ["agent", 0],
      ["caller", 0],
      ["agent", 0],
    ]);
    const turns = await env.DB.prepare(`SELECT * FROM call_turn_latency WHERE call_id = ?`).bind(id).all();
    expect(turns.results).toHaveLength(1);
    expect(row.lead_id).toMatch(/^lead?_/);
  }, 30_000);

  it("barge-in: caller words during agent audio clear Twilio's buffer and cut the agent's turn to what was played", async () => {
    await ttsSpeed(65); // the greeting now lasts ~8 s
    const { id, callSid, client, agentLines } = await streamedCall({ utterances: [voiceFixture("address.ulaw").text!] });
    await client.until(() => client.mediaCount() > 50, 5000, "the greeting to be playing");
    await client.play(voiceFixture("address.ulaw").audio.subarray(0, 8000)); // the first second of the address
    await client.until(() => client.events().includes("clear"), 3000, "clear");
    await client.until(() => agentLines().length >= 1, 3000, "the cut greeting");
    const greeting = agentLines()[0];
    expect(greeting.interrupted).toBe(true);
    expect(greeting.text.length).toBeLessThan(`${DEFAULT_DISCLOSURE} ${PHRASES.greeting("Leak Busters")}`.length);
    expect(greeting.text).toMatch(/^This(\s\S+)*…$/);
    // Nothing queued before the clear is sent after it.
    const clearAt = client.events().indexOf("clear");
    await sleep(300);
    expect(
      client
        .events()
        .slice(clearAt + 1)
        .filter((e) => e === "media").length,
    ).toBeLessThan(5);
    client.stop(callSid);
    await expect.poll(async () => (await callRow(id))!.summary, { timeout: 8000 }).toBeTruthy();
    const history = JSON.parse((await callRow(id))!.history_json) as { role: string; text: string }[];
    expect(history[0]).toEqual({ role: "assistant", text: greeting.text });
  }, 30_000);

  it("'mhm' and a cough during agent audio are not barge-in", async () => {
    await ttsSpeed(65);
    const { callSid, client, agentLines } = await streamedCall({ utterances: ["mhm", ""] });
    await client.until(() => client.mediaCount() > 50, 5000, "the greeting to be playing");
    await client.play(voiceFixture("mhm.ulaw").audio);
    await client.play(silence(400));
    await client.play(voiceFixture("cough.ulaw").audio);
    await client.play(silence(800));
    expect(client.events()).not.toContain("clear");
    expect(agentLines()).toHaveLength(0); // the greeting is still playing, uninterrupted
    client.stop(callSid);
  });
});

describe("CallSession: monitor sockets (/ws/calls/:id)", () => {
  it("a Gather call's events published to the session reach its monitors and join the snapshot", async () => {
    const ws = await workspace();
    const { id } = await seedCall(ws, { status: "in-progress", mode: "gather" });
    const monitor = await openSocket(ws.token, "calls", id);
    expect(await monitor.next()).toEqual({ type: "snapshot", call: { id, status: "in-progress", mode: "gather" }, transcript: [] });
    const entry = { seq: 0, speaker: "caller" as const, text: "My basement is flooding", startMs: 1200, endMs: 2900, interrupted: false };
    const stub = env.CALL_SESSION.get(env.CALL_SESSION.idFromName(id));
    expect(await stub.publish({ type: "transcript", entry })).toBe(1);
    expect(await monitor.next()).toEqual({ type: "transcript", entry });
    await stub.publish({ type: "status", status: "completed" });
    expect(await monitor.next()).toEqual({ type: "status", status: "completed" });
    const again = await openSocket(ws.token, "calls", id);
    expect((await again.next()).transcript).toEqual([entry]);
  });

  it("another workspace's call, or no call, is a 404 before any socket opens", async () => {
    const owner = await workspace();
    const { id } = await seedCall(owner, { status: "in-progress" });
    const stranger = await workspace();
    for (const callId of [id, "call_missing"]) {
      const { url } = await json(
        await call("POST", "/api/v1/ws-ticket", { token: stranger.token, body: { channel: "calls", id: callId } }),
      );
      const response = await call("GET", url, { headers: { Upgrade: "websocket" } });
      expect(response.status).toBe(404);
      expect(response.headers.get("Content-Type")).toContain("application/problem+json");
    }
  });
});

describe("CallSession: silence and length limits", () => {
  const hangups = async (callSid: string) =>
    ((await (await fetch(`${inject("twilioUrl")}/__calls?callSid=${callSid}`)).json()) as { params: Record<string, string> }[]).filter(
      (u) => u.params.Status === "completed",
    );

  it("silence gets one reprompt, then a goodbye and a hang-up", async () => {
    const { id, callSid, client, agentLines } = await streamedCall({ utterances: [], limits: { silenceMs: 400 } });
    await client.until(() => agentLines().length === 3, 10_000, "reprompt and goodbye");
    expect(
      agentLines()
        .slice(1)
        .map((l) => l.text),
    ).toEqual([PHRASES.reprompt, PHRASES.goodbye]);
    await expect.poll(() => hangups(callSid), { timeout: 5000 }).toHaveLength(1);
    await expect.poll(async () => (await callRow(id))!.summary, { timeout: 5000 }).toBeTruthy();
    expect(await callRow(id)).toMatchObject({ end_reason: "silence" });
  }, 30_000);

  it("a call at its maximum length is ended politely", async () => {
    const { id, callSid, client, agentLines } = await streamedCall({ utterances: [], limits: { maxCallMs: 1500 } });
    await client.until(() => agentLines().some((l) => l.text === lines.maxLengthGoodbye), 10_000, "the time-limit goodbye");
    await expect.poll(() => hangups(callSid), { timeout: 5000 }).toHaveLength(1);
    await expect.poll(async () => (await callRow(id))!.end_reason, { timeout: 5000 }).toBe("max_length");
  }, 30_000);
});

describe("CallSession: transfer, failures, eviction", () => {
  it("DTMF 0 transfers: Twilio's call is redirected to a <Dial> of the forward number and the person gets an SMS summary", async () => {
    const { id, callSid, ws, client, agentLines, monitored } = await streamedCall({ utterances: [], forwardNumber: "+15125550999" });
    await client.until(() => agentLines().length === 1, 8000, "the greeting");
    client.dtmf("0");
    const calls = async () =>
      (await (await fetch(`${inject("twilioUrl")}/__calls?callSid=${callSid}`)).json()) as { params: Record<string, string> }[];
    await expect.poll(calls, { timeout: 8000 }).toHaveLength(1);
    expect((await calls())[0]!.params.Twiml).toMatch(
      /<Dial action="http:\/\/localhost:8787\/webhooks\/twilio\/voice\/dial" method="POST" timeout="20">\+15125550999<\/Dial>/,
    );
    expect(agentLines().map((l) => l.text)).toContain(lines.connecting);
    expect(
      monitored("transcript")
        .map((m) => m.entry)
        .filter((e) => e.speaker === "caller"),
    ).toMatchObject([{ text: "Pressed 0" }]);
    expect(await callRow(id)).toMatchObject({ outcome: "transferred", end_reason: "dtmf" });
    const sms = await env.DB.prepare(`SELECT recipient, body, status FROM outbox WHERE tenant_id = ? AND idempotency_key = ?`)
      .bind(ws.tenantId, `call-transfer:${id}`)
      .first<Record<string, string>>();
    expect(sms).toMatchObject({
      recipient: "+15125550999",
      status: expect.stringMatching(/^(queued|simulated)$/),
      body: expect.stringMatching(/^Incoming transfer from \+15125550166 \(pressed 0/),
    });
    client.stop(callSid);
  }, 30_000);

  it("DTMF 0 without a forward number says nobody is free and the call goes on", async () => {
    const { id, callSid, client, agentLines } = await streamedCall({ utterances: [] });
    await client.until(() => agentLines().length === 1, 8000, "the greeting");
    client.dtmf("0");
    await client.until(() => agentLines().length === 2, 8000, "the answer");
    expect(agentLines()[1].text).toBe(lines.nobodyFree);
    expect(await (await fetch(`${inject("twilioUrl")}/__calls?callSid=${callSid}`)).json()).toEqual([]);
    expect(client.closed).toBeNull();
    expect(await callRow(id)).toMatchObject({ outcome: null, status: "in-progress" });
    client.stop(callSid);
  }, 30_000);

  it("a dropped recogniser socket is reopened without losing the call or the caller's words", async () => {
    const { callSid, stub, client, monitored } = await streamedCall({ utterances: [voiceFixture("name.ulaw").text!], dropAfterMs: 200 });
    await sleep(400); // dropped by now
    await client.play(voiceFixture("name.ulaw").audio);
    await client.play(silence(600));
    await client.until(() => monitored("transcript").some((m) => m.entry.speaker === "caller"), 8000, "the caller's words");
    expect(monitored("transcript").find((m) => m.entry.speaker === "caller").entry.text).toBe("My name is Maria Lopez");
    expect(client.closed).toBeNull();
    expect(await inObject(stub, (instance) => (instance as unknown as { live: LiveCall }).live.sttReconnects)).toBe(1);
    client.stop(callSid);
  });

  it("an engine that stalls gets the apology line and a transfer", async () => {
    const company = `Stalled Roofing ${uniqueDigits(6)}`;
    await post(`${inject("anthropicUrl")}/__script`, {
      key: company,
      replies: [{ content: [{ type: "text", text: "Late." }], stop_reason: "end_turn" }],
      latency: { firstTokenMs: 20_000 },
    });
    const { id, callSid, client, agentLines } = await streamedCall({
      utterances: [voiceFixture("asap.ulaw").text!],
      forwardNumber: "+15125550998",
      company,
      engine: "auto",
    });
    await client.until(() => agentLines().length === 1, 8000, "the greeting");
    await client.play(voiceFixture("asap.ulaw").audio);
    await client.play(silence(600));
    await client.until(() => agentLines().some((l) => l.text === PHRASES.apology), 15_000, "the apology");
    await expect.poll(async () => (await callRow(id))!.end_reason, { timeout: 8000 }).toBe("engine_failure");
    client.stop(callSid);
  }, 30_000);

  it("an object evicted mid-call leaves a consistent call log: the watchdog alarm finalises it from storage", async () => {
    const { id, stub, client, agentLines } = await streamedCall({ utterances: [] });
    await client.until(() => agentLines().length === 1, 8000, "the greeting");
    await client.play(silence(1000));
    await expect(inObject(stub, (_instance, state) => state.abort("evicted by the test"))).rejects.toThrow(/evicted/);
    await client.until(() => client.closed !== null, 3000, "the stream to drop");
    // The old stub is broken with the object; a new one reaches the restarted object, whose watchdog finds the stream gone.
    expect(await runDurableObjectAlarm(env.CALL_SESSION.get(env.CALL_SESSION.idFromName(id)))).toBe(true);
    await expect.poll(async () => (await callRow(id))!.summary, { timeout: 8000 }).toBeTruthy();
    const row = (await callRow(id))!;
    expect(row).toMatchObject({ end_reason: "stream_lost", recording_key: expect.stringContaining(id) });
    expect(row.inbound_frames).toBeGreaterThanOrEqual(25); // frames saved before the eviction (half-second chunks)
    expect((await transcriptRows(id)).map((t) => t.speaker)).toEqual(["agent"]);
    expect(wavInfo(new Uint8Array(await (await env.MEDIA.get(row.recording_key))!.arrayBuffer())).durationSeconds).toBeGreaterThan(0.5);
  }, 30_000);
});

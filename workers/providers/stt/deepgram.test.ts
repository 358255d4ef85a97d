import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { sttRecorder } from "../../../tests/stt-recorder";
import { silence, voiceFixture } from "../../../tests/voice-fixtures";
import { DeepgramStt, listenUrl } from "./deepgram";
import { sttProvider } from ".";

const KEY = "test-deepgram-key";
const tag = () => `call_${crypto.randomUUID()}`;
const script = (body: Record<string, unknown>) =>
  fetch(`${inject("deepgramUrl").replace(/^ws:/, "http:")}/__script`, { method: "POST", body: JSON.stringify(body) });
const received = async (t: string) =>
  (await (await fetch(`${inject("deepgramUrl").replace(/^ws:/, "http:")}/__received?tag=${t}`)).json()) as {
    connections: number;
    audioBytes: number;
    controls: string[];
  };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends audio in Twilio-sized 20 ms frames. */
function stream(target: { send(ulaw: Uint8Array): void }, audio: Uint8Array) {
  for (let i = 0; i < audio.length; i += 160) target.send(audio.subarray(i, i + 160));
}

describe("integration: Deepgram live transcription (contract fake)", () => {
  it("hears a spoken line: speech started, growing interims, then the final that ends the turn, then utterance end", async () => {
    const line = voiceFixture("roof-leak.ulaw");
    const t = tag();
    await script({ tag: t, utterances: [line.text] });
    const recorder = sttRecorder();
    const stt = new DeepgramStt(KEY, inject("deepgramUrl"));
    const sttStream = await stt.connect(recorder.listener, { tag: t });
    expect(sttStream.open).toBe(true);
    stream(sttStream, new Uint8Array([...silence(200), ...line.audio, ...silence(1200)]));
    await recorder.waitFor("utteranceEnd");

    const kinds = recorder.events.map((e) => e.kind);
    expect(kinds[0]).toBe("speechStarted");
    expect(kinds.indexOf("final")).toBeLessThan(kinds.indexOf("utteranceEnd"));
    const interims = recorder.events.flatMap((e) => (e.kind === "interim" ? [e.text] : []));
    expect(interims.length).toBeGreaterThan(1);
    expect(interims.every((text, i) => i === 0 || text.length > interims[i - 1]!.length)).toBe(true);
    expect(line.text!.startsWith(interims[0]!)).toBe(true);
    const { segment } = await recorder.waitFor("final");
    expect(segment).toMatchObject({ text: line.text, speechFinal: true });
    // The segment spans the spoken audio: it starts after the leading silence and lasts about as long as the line.
    expect(segment.startMs).toBeGreaterThanOrEqual(180);
    expect(Math.abs(segment.endMs - segment.startMs - line.durationMs)).toBeLessThan(300);

    await sttStream.close();
    expect(recorder.events.at(-1)).toMatchObject({ kind: "closed", expected: true });
    expect(sttStream.open).toBe(false);
    expect(await received(t)).toEqual({
      connections: 1,
      audioBytes: 1600 + line.audio.length + 9600,
      controls: ["CloseStream"],
      recordings: [],
    });
  });

  it("finalizes on demand without ending the turn, and keep-alives hold an idle stream open until it times out", async () => {
    const line = voiceFixture("name.ulaw");
    const t = tag();
    await script({ tag: t, utterances: [line.text], idleCloseMs: 400 });
    const recorder = sttRecorder();
    const sttStream = await new DeepgramStt(KEY, inject("deepgramUrl")).connect(recorder.listener, { tag: t });
    stream(sttStream, line.audio);
    sttStream.finalize();
    expect((await recorder.waitFor("final")).segment).toMatchObject({ text: line.text, speechFinal: false });

    for (let i = 0; i < 6; i++) {
      sttStream.keepAlive();
      await sleep(150);
    }
    expect(recorder.events.some((e) => e.kind === "closed")).toBe(false);
    const closed = await recorder.waitFor("closed", 2000);
    expect(closed).toMatchObject({ expected: false, reason: expect.stringContaining("1011") });
    expect((await received(t)).controls).toEqual([
      "Finalize",
      "KeepAlive",
      "KeepAlive",
      "KeepAlive",
      "KeepAlive",
      "KeepAlive",
      "KeepAlive",
    ]);
  });

  it("reports a socket the provider drops as an unexpected close", async () => {
    const t = tag();
    await script({ tag: t, utterances: [], dropAfterMs: 150 });
    const recorder = sttRecorder();
    const sttStream = await new DeepgramStt(KEY, inject("deepgramUrl")).connect(recorder.listener, { tag: t });
    expect(await recorder.waitFor("closed")).toMatchObject({ expected: false });
    expect(sttStream.open).toBe(false);
    sttStream.send(silence(20)); // ignored, not thrown
  });

  it("transcribes speech nobody scripted as a marker", async () => {
    const recorder = sttRecorder();
    const sttStream = await new DeepgramStt(KEY, inject("deepgramUrl")).connect(recorder.listener, { tag: tag() });
    stream(sttStream, new Uint8Array([...voiceFixture("asap.ulaw").audio, ...silence(400)]));
    expect((await recorder.waitFor("final")).segment.text).toBe("(unscripted speech)");
    await sttStream.close();
  });

  it("refuses a wrong key with an error that says so", async () => {
    await expect(new DeepgramStt("wrong-key", inject("deepgramUrl")).connect(sttRecorder().listener)).rejects.toThrow(
      /Deepgram refused the stream: HTTP 401 INVALID_AUTH/,
    );
  });
});

describe("Deepgram configuration", () => {
  it("asks for Twilio's audio format, tags the request, and opens wss through https", () => {
    const url = new URL(listenUrl("wss://api.deepgram.com", "call_1"));
    expect(url.origin).toBe("https://api.deepgram.com");
    expect(url.pathname).toBe("/v1/listen");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      model: "nova-3",
      encoding: "mulaw",
      sample_rate: "8000",
      channels: "1",
      interim_results: "true",
      endpointing: "300",
      utterance_end_ms: "1000",
      vad_events: "true",
      smart_format: "true",
      tag: "call_1",
    });
    expect(new URL(listenUrl("ws://127.0.0.1:9000", undefined)).origin).toBe("http://127.0.0.1:9000");
  });

  it("is off without a key (calls then use <Gather>)", () => {
    expect(sttProvider({ ...env, DEEPGRAM_API_KEY: undefined })).toBeNull();
    expect(sttProvider(env)?.name).toBe("deepgram");
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { frameDbfs } from "../../voice/audio/energy";
import { DEFAULT_VOICE_ID, ElevenLabsTts } from "./elevenlabs";
import { ttsProvider } from ".";

const KEY = "test-elevenlabs-key";
/** Timings for one voice id, so other test files using the fake keep its defaults. */
const configure = (voiceId: string, timings: Record<string, number>) =>
  fetch(`${inject("elevenLabsUrl")}/__config`, { method: "POST", body: JSON.stringify({ voiceId, ...timings }) });
const requests = async () =>
  (await (await fetch(`${inject("elevenLabsUrl")}/__requests`)).json()) as { voiceId: string; text: string; modelId: string }[];

describe("integration: ElevenLabs streaming speech (contract fake)", () => {
  it("streams μ-law audio in chunks as it arrives, the first after the provider's first-byte latency", async () => {
    await configure("voice-test-1", { firstByteMs: 120, msPerChar: 65, chunkMs: 100, chunkIntervalMs: 20 });
    const tts = new ElevenLabsTts(KEY, "voice-test-1", inject("elevenLabsUrl"));
    const text = "Thanks, Maria. A roofer can come tomorrow at nine.";
    const started = performance.now();
    let firstByteMs = 0;
    const chunks: Uint8Array[] = [];
    for await (const chunk of tts.synthesize(text, new AbortController().signal)) {
      if (!chunks.length) firstByteMs = performance.now() - started;
      chunks.push(chunk);
    }
    expect(firstByteMs).toBeGreaterThanOrEqual(115);
    expect(firstByteMs).toBeLessThan(1000);
    expect(chunks.length).toBeGreaterThan(5);
    const audio = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((offset, c) => (audio.set(c, offset), offset + c.length), 0);
    expect(audio.length).toBe(text.length * 65 * 8);
    expect(frameDbfs(audio.subarray(0, 160))).toBeGreaterThan(-30); // a voice-level signal, not silence
    expect((await requests()).at(-1)).toEqual({ voiceId: "voice-test-1", text, modelId: "eleven_flash_v2_5" });
  });

  it("stops the request when the signal aborts (barge-in)", async () => {
    await configure("voice-test-2", { chunkIntervalMs: 50 });
    const controller = new AbortController();
    const tts = new ElevenLabsTts(KEY, "voice-test-2", inject("elevenLabsUrl"));
    let received = 0;
    const consume = (async () => {
      for await (const chunk of tts.synthesize("A long answer that would take many seconds to say out loud.", controller.signal)) {
        received += chunk.length;
        if (received >= 1600) controller.abort();
      }
    })();
    await expect(consume).rejects.toThrow(/abort/i);
    expect(received).toBeLessThan(4000);
  });

  it("refuses a wrong key with an error that says so", async () => {
    const tts = new ElevenLabsTts("wrong-key", DEFAULT_VOICE_ID, inject("elevenLabsUrl"));
    const consume = async () => {
      for await (const _ of tts.synthesize("Hello", new AbortController().signal)) expect.unreachable();
    };
    await expect(consume()).rejects.toThrow("ElevenLabs 401: invalid_api_key Invalid API key");
  });
});

describe("ElevenLabs configuration", () => {
  it("is off without a key, uses the configured voice, and keys its cache by voice and model", () => {
    expect(ttsProvider({ ...env, ELEVENLABS_API_KEY: undefined })).toBeNull();
    expect(ttsProvider(env)?.voiceKey).toBe(`elevenlabs-${DEFAULT_VOICE_ID}-eleven_flash_v2_5`);
    expect(ttsProvider({ ...env, ELEVENLABS_VOICE_ID: "custom" })?.voiceKey).toBe("elevenlabs-custom-eleven_flash_v2_5");
  });
});

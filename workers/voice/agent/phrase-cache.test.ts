import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { ElevenLabsTts } from "../../providers/tts/elevenlabs";
import { PHRASES, phraseKey, speakPhrase, type AgentSink } from "./phrase-cache";

const ttsFor = (voiceId: string) => new ElevenLabsTts("test-elevenlabs-key", voiceId, inject("elevenLabsUrl"));
const requestsFor = async (voiceId: string) =>
  ((await (await fetch(`${inject("elevenLabsUrl")}/__requests`)).json()) as { voiceId: string; text: string }[]).filter(
    (r) => r.voiceId === voiceId,
  );
/** A voice of this file's own, at the fake's default timings (other files change the shared ones). */
async function uniqueVoice(): Promise<string> {
  const voiceId = `phrase-voice-${crypto.randomUUID()}`;
  await fetch(`${inject("elevenLabsUrl")}/__config`, { method: "POST", body: JSON.stringify({ voiceId }) });
  return voiceId;
}

function recorder() {
  const heard = { clauses: [] as [string, number][], bytes: 0, audio: [] as Uint8Array[] };
  const sink: AgentSink = {
    clause: (text, index) => heard.clauses.push([text, index]),
    audio: (chunk) => {
      heard.audio.push(chunk);
      heard.bytes += chunk.length;
    },
  };
  const joined = () => new Uint8Array(heard.audio.flatMap((chunk) => [...chunk]));
  return { heard, sink, joined };
}

describe("integration: R2 phrase cache (ElevenLabs contract fake)", () => {
  it("synthesises a phrase once, stores it under voice and text hash, then plays it from R2", async () => {
    const voice = await uniqueVoice();
    const deps = { env, tts: ttsFor(voice) };
    const first = recorder();
    await speakPhrase(deps, PHRASES.apology, first.sink, new AbortController().signal, 3);
    expect(first.heard.clauses).toEqual([[PHRASES.apology, 3]]);
    expect(first.heard.bytes).toBeGreaterThan(8000); // over a second of μ-law at 8 kHz
    expect(await requestsFor(voice)).toHaveLength(1);

    const key = await phraseKey(deps.tts.voiceKey, PHRASES.apology);
    expect(key).toMatch(new RegExp(`^voice/phrases/elevenlabs-${voice}-eleven_flash_v2_5/[0-9a-f]{64}\\.ulaw$`));
    const stored = await env.MEDIA.get(key);
    expect(stored?.httpMetadata?.contentType).toBe("audio/basic");
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(first.joined());

    const second = recorder();
    await speakPhrase(deps, PHRASES.apology, second.sink, new AbortController().signal);
    expect(second.joined()).toEqual(first.joined());
    expect(await requestsFor(voice)).toHaveLength(1); // the hit made no request
  });

  it("callers asking for the same phrase while it is being synthesised share one request", async () => {
    const voice = await uniqueVoice();
    const deps = { env, tts: ttsFor(voice) };
    const [a, b] = [recorder(), recorder()];
    await Promise.all([
      speakPhrase(deps, PHRASES.reprompt, a.sink, new AbortController().signal),
      speakPhrase(deps, PHRASES.reprompt, b.sink, new AbortController().signal),
    ]);
    expect(await requestsFor(voice)).toHaveLength(1);
    expect(b.joined()).toEqual(a.joined());
    expect(a.heard.bytes).toBeGreaterThan(0);
  });

  it("a different voice is a different recording", async () => {
    const text = PHRASES.greeting("Leak Busters");
    expect(await phraseKey("elevenlabs-a", text)).not.toBe(await phraseKey("elevenlabs-b", text));
    expect(await phraseKey("elevenlabs-a", text)).not.toBe(await phraseKey("elevenlabs-a", PHRASES.goodbye));
  });

  it("stops giving audio when aborted, and the phrase is still cached whole for the next call", async () => {
    const voice = await uniqueVoice();
    const deps = { env, tts: ttsFor(voice) };
    const control = new AbortController();
    const cut = recorder();
    const sink: AgentSink = { clause: cut.sink.clause, audio: (chunk, index) => (cut.sink.audio(chunk, index), control.abort()) };
    await speakPhrase(deps, PHRASES.goodbye, sink, control.signal);
    expect(cut.heard.audio).toHaveLength(1);

    const whole = recorder();
    await speakPhrase(deps, PHRASES.goodbye, whole.sink, new AbortController().signal);
    expect(whole.heard.bytes).toBeGreaterThan(cut.heard.bytes);
    expect(await requestsFor(voice)).toHaveLength(1);
  });
});

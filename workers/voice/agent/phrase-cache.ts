import type { Env } from "../../env";
import { log } from "../../http/log";
import type { TtsProvider } from "../../providers/tts/provider";
import { ChunkBuffer } from "./chunk-buffer";

/** Where a turn's words and audio go: each clause (for the transcript and marks), then its audio in order. */
export interface AgentSink {
  clause(text: string, index: number): void;
  audio(chunk: Uint8Array, clauseIndex: number): void;
}

export interface PhraseDeps {
  env: Pick<Env, "MEDIA">;
  tts: TtsProvider;
}

/** Lines every call may need, the same words each time: synthesised once per voice, then played from R2. */
export const PHRASES = {
  greeting: (company: string) =>
    `Thanks for calling ${company}. I'm the virtual assistant and I can book a visit for you. What can we help with?`,
  reprompt: "Are you still there? Tell me what you need help with.",
  apology: "Sorry, I'm having trouble on my side. Let me put you through to the team.",
  goodbye: "Thanks for calling. Goodbye.",
};

interface Loaded {
  audio: ChunkBuffer;
  /** Settles once a fresh synthesis is in R2 (or failed to get there). */
  stored: Promise<void>;
}

// A phrase being looked up or synthesised is shared: callers asking for it meanwhile wait for the one request.
const loading = new Map<string, Promise<Loaded>>();

// A phrase outlives the call that first asked for it, so its synthesis has its own time limit.
const SYNTHESIS_TIMEOUT_MS = 15_000;

export async function phraseKey(voiceKey: string, text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return `voice/phrases/${voiceKey}/${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}.ulaw`;
}

/**
 * A phrase's μ-law audio: from R2 when it was synthesised before; otherwise synthesised once,
 * streamed as it arrives and stored when complete.
 */
export async function* phraseAudio(deps: PhraseDeps, text: string, signal: AbortSignal): AsyncIterable<Uint8Array> {
  const key = await phraseKey(deps.tts.voiceKey, text);
  let pending = loading.get(key);
  if (!pending) {
    pending = load(deps, key, text);
    loading.set(key, pending);
    pending
      .then((loaded) => loaded.stored)
      .catch(() => undefined)
      .finally(() => loading.delete(key));
  }
  const { audio, stored } = await pending;
  yield* audio.read(signal);
  if (!signal.aborted) await stored; // so the next caller finds it in R2
}

async function load(deps: PhraseDeps, key: string, text: string): Promise<Loaded> {
  const object = await deps.env.MEDIA.get(key);
  if (object) return { audio: new ChunkBuffer(single(new Uint8Array(await object.arrayBuffer()))), stored: Promise.resolve() };
  const audio = new ChunkBuffer(deps.tts.synthesize(text, AbortSignal.timeout(SYNTHESIS_TIMEOUT_MS)));
  const stored = audio.complete
    .then(async () => {
      const bytes = audio.bytes();
      if (!bytes.length) throw new Error("the provider answered no audio");
      await deps.env.MEDIA.put(key, bytes, {
        httpMetadata: { contentType: "audio/basic" },
        customMetadata: { voiceKey: deps.tts.voiceKey },
      });
    })
    .catch((error: unknown) =>
      log("warn", "voice phrase not cached", { key, tts: deps.tts.name, error: error instanceof Error ? error.message : String(error) }),
    );
  return { audio, stored };
}

async function* single(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/** Speaks one cached phrase as clause `index` of `sink` (a greeting, a reprompt, a goodbye). */
export async function speakPhrase(deps: PhraseDeps, text: string, sink: AgentSink, signal: AbortSignal, index = 0): Promise<void> {
  if (signal.aborted) return;
  sink.clause(text, index);
  for await (const chunk of phraseAudio(deps, text, signal)) {
    if (signal.aborted) return;
    sink.audio(chunk, index);
  }
}

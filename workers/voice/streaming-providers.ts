import type { Env } from "../env";
import { sttProvider } from "../providers/stt";
import type { SttProvider } from "../providers/stt/provider";
import { ttsProvider } from "../providers/tts";
import type { TtsProvider } from "../providers/tts/provider";

export interface StreamingProviders {
  stt: SttProvider;
  tts: TtsProvider;
}

/**
 * The one place that decides whether calls can stream (Media Streams with our own STT and TTS):
 * both providers configured, or null — then calls run on TwiML <Gather>/<Say> turns.
 */
export function streamingProviders(env: Env): StreamingProviders | null {
  const stt = sttProvider(env);
  const tts = ttsProvider(env);
  return stt && tts ? { stt, tts } : null;
}

import type { Env } from "../../env";
import { ElevenLabsTts } from "./elevenlabs";
import type { TtsProvider } from "./provider";

/** ElevenLabs when keyed; null otherwise, and calls then take the TwiML <Gather> path (Twilio's <Say> voices). */
export function ttsProvider(env: Env): TtsProvider | null {
  return env.ELEVENLABS_API_KEY
    ? new ElevenLabsTts(env.ELEVENLABS_API_KEY, env.ELEVENLABS_VOICE_ID || undefined, env.ELEVENLABS_URL)
    : null;
}

import type { Env } from "../../env";
import { DeepgramStt } from "./deepgram";
import type { SttProvider } from "./provider";

/** Deepgram when keyed; null otherwise, and calls then take the TwiML <Gather> path (Twilio's own recognition). */
export function sttProvider(env: Env): SttProvider | null {
  return env.DEEPGRAM_API_KEY ? new DeepgramStt(env.DEEPGRAM_API_KEY, env.DEEPGRAM_URL) : null;
}

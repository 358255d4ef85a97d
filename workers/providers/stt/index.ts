import type { Env } from "../../env";
import { DeepgramStt } from "./deepgram";
import { DeepgramTranscriber } from "./deepgram-prerecorded";
import type { RecordingTranscriber, SttProvider } from "./provider";

/** Deepgram when keyed; null otherwise, and calls then take the TwiML <Gather> path (Twilio's own recognition). */
export function sttProvider(env: Env): SttProvider | null {
  return env.DEEPGRAM_API_KEY ? new DeepgramStt(env.DEEPGRAM_API_KEY, env.DEEPGRAM_URL) : null;
}

/**
 * Deepgram's pre-recorded API when keyed. Null otherwise: nothing on this side can turn speech
 * into words, so a voice note is answered with a kind request to type, and a voicemail is kept
 * as audio only.
 */
export function recordingTranscriber(env: Env): RecordingTranscriber | null {
  return env.DEEPGRAM_API_KEY ? new DeepgramTranscriber(env.DEEPGRAM_API_KEY, env.DEEPGRAM_URL) : null;
}

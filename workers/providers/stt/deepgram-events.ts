import type { SttListener } from "./provider";

/** The Deepgram live-transcription messages we act on (the API sends a few more, e.g. Metadata). */
interface DeepgramResults {
  type: "Results";
  is_final?: boolean;
  speech_final?: boolean;
  start?: number;
  duration?: number;
  channel?: { alternatives?: { transcript?: string; confidence?: number }[] };
}

export type DeepgramEvent =
  | DeepgramResults
  | { type: "SpeechStarted" | "UtteranceEnd" }
  | { type: "Metadata"; request_id?: string }
  | { type: "Error" | "Warning"; description?: string; message?: string };

/**
 * Hands one server message to the listener. Interim results with no words are noise; a final
 * without words still matters when it ends the turn (`speech_final`). Returns the parsed event
 * (null for what is not JSON) so the caller can log the rest.
 */
export function dispatchDeepgramMessage(data: string, listener: SttListener): DeepgramEvent | null {
  let event: DeepgramEvent;
  try {
    event = JSON.parse(data) as DeepgramEvent;
  } catch {
    return null;
  }
  if (event.type === "SpeechStarted") listener.speechStarted();
  else if (event.type === "UtteranceEnd") listener.utteranceEnd();
  else if (event.type === "Results") {
    const best = event.channel?.alternatives?.[0];
    const text = best?.transcript?.trim() ?? "";
    if (!event.is_final) {
      if (text) listener.interim(text);
    } else if (text || event.speech_final) {
      const startMs = Math.round((event.start ?? 0) * 1000);
      listener.final({
        text,
        confidence: best?.confidence ?? 0,
        speechFinal: Boolean(event.speech_final),
        startMs,
        endMs: startMs + Math.round((event.duration ?? 0) * 1000),
      });
    }
  }
  return event;
}

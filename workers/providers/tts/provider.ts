/** Text-to-speech that answers μ-law 8 kHz mono (Twilio's format: nothing to transcode). */
export interface TtsProvider {
  readonly name: string;
  /** Identifies the voice in cache keys (a different voice is a different recording). */
  readonly voiceKey: string;
  /** Audio chunks as they arrive; aborting the signal stops the request. */
  synthesize(text: string, signal: AbortSignal): AsyncIterable<Uint8Array>;
}

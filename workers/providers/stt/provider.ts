/** A finished piece of the caller's speech (Deepgram `is_final`); `speechFinal` marks the end of a turn. */
export interface SttFinal {
  text: string;
  confidence: number;
  speechFinal: boolean;
  /** Audio time of the segment, ms from the start of the stream. */
  startMs: number;
  endMs: number;
}

export interface SttListener {
  /** Words so far of the current utterance (may change). */
  interim(text: string): void;
  final(segment: SttFinal): void;
  /** Voice activity began (barge-in candidate). */
  speechStarted(): void;
  /** No more words for utterance_end_ms: close the turn even without a speechFinal. */
  utteranceEnd(): void;
  /** The socket closed or failed; `expected` is false when the provider dropped it. */
  closed(expected: boolean, reason: string): void;
}

/** One live recognition stream per call (μ-law 8 kHz mono in). */
export interface SttStream {
  readonly open: boolean;
  /** Raw μ-law bytes, one Twilio frame (160 bytes = 20 ms) or more. */
  send(ulaw: Uint8Array): void;
  /** Flush: ask for finals of everything sent so far. */
  finalize(): void;
  /** Keeps an idle socket open (the provider closes one after ~10 s of nothing). */
  keepAlive(): void;
  close(): Promise<void>;
}

export interface SttConnectOptions {
  /** Labels the provider's request (our call id) so its logs and usage can be matched to the call. */
  tag?: string;
}

export interface SttProvider {
  readonly name: string;
  connect(listener: SttListener, options?: SttConnectOptions): Promise<SttStream>;
}

/** What a recording (a voice note, a voicemail) said, transcribed as a whole. */
export interface Transcription {
  text: string;
  confidence: number;
  /** Length of the audio as the provider measured it. */
  durationSeconds: number | null;
}

export interface RecordedAudio {
  bytes: ArrayBuffer | Uint8Array;
  /** As the channel delivered it (audio/ogg; codecs=opus from WhatsApp, audio/x-wav from a Twilio recording). */
  mimeType: string;
}

/** Pre-recorded speech-to-text: one request per recording, the whole transcript back. */
export interface RecordingTranscriber {
  readonly name: string;
  transcribe(audio: RecordedAudio, options?: SttConnectOptions & { signal?: AbortSignal }): Promise<Transcription>;
}

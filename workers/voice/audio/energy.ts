// Speech detection on μ-law frames: one implementation for the CallSession's end-of-speech
// detection and for the loopback Deepgram fake (which is why the import carries its .ts
// extension: plain Node loads the fakes too).
import { mulawToLinear } from "./mulaw.ts";

/** μ-law bytes per millisecond at 8 kHz. */
export const BYTES_PER_MS = 8;
/** Frames quieter than this are silence; telephone speech sits around -30…-15 dBFS, line noise below -50. */
export const SPEECH_THRESHOLD_DBFS = -42;

/** Loudness of a frame in dBFS (-Infinity for digital silence). */
export function frameDbfs(ulaw: Uint8Array): number {
  if (!ulaw.length) return -Infinity;
  let sum = 0;
  for (const byte of ulaw) {
    const sample = mulawToLinear(byte);
    sum += sample * sample;
  }
  const rms = Math.sqrt(sum / ulaw.length);
  return rms === 0 ? -Infinity : 20 * Math.log10(rms / 32768);
}

export function isSpeechFrame(ulaw: Uint8Array, thresholdDbfs = SPEECH_THRESHOLD_DBFS): boolean {
  return frameDbfs(ulaw) >= thresholdDbfs;
}

export type SpeechEvent = "start" | "end";

export interface SpeechActivityOptions {
  /** Voiced audio needed before speech counts as started (filters clicks). */
  onsetMs?: number;
  /** Silence needed after speech before it counts as ended (Deepgram's `endpointing`). */
  endMs?: number;
  thresholdDbfs?: number;
}

/**
 * Voice activity over a stream of frames, in audio time: "start" once `onsetMs` of voiced
 * audio has arrived without a break, "end" after `endMs` of silence following speech.
 */
export class SpeechActivity {
  speaking = false;
  /** Audio position (ms from the first frame) where the current or last speech began and ended. */
  speechStartMs = 0;
  speechEndMs = 0;
  private positionMs = 0;
  private voicedRunMs = 0;
  private readonly onsetMs: number;
  private readonly endMs: number;
  private readonly thresholdDbfs: number;

  constructor(options: SpeechActivityOptions = {}) {
    this.onsetMs = options.onsetMs ?? 60;
    this.endMs = options.endMs ?? 300;
    this.thresholdDbfs = options.thresholdDbfs ?? SPEECH_THRESHOLD_DBFS;
  }

  /** Milliseconds of audio seen so far. */
  get audioMs(): number {
    return this.positionMs;
  }

  push(ulaw: Uint8Array): SpeechEvent | null {
    const frameMs = ulaw.length / BYTES_PER_MS;
    const frameStart = this.positionMs;
    this.positionMs += frameMs;
    if (isSpeechFrame(ulaw, this.thresholdDbfs)) {
      if (this.voicedRunMs === 0 && !this.speaking) this.speechStartMs = frameStart;
      this.voicedRunMs += frameMs;
      this.speechEndMs = this.positionMs;
      if (!this.speaking && this.voicedRunMs >= this.onsetMs) {
        this.speaking = true;
        return "start";
      }
      return null;
    }
    this.voicedRunMs = 0;
    if (this.speaking && this.positionMs - this.speechEndMs >= this.endMs) {
      this.speaking = false;
      return "end";
    }
    return null;
  }
}

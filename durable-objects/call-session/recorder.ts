import { FRAME_MS } from "./pacer";
import type { SessionStore } from "./store";

/** Frames kept in memory before they are written: an eviction loses at most this much audio. */
const FRAMES_PER_CHUNK = 25;

/**
 * One side of the recording, saved to the object's SQLite in half-second chunks as the call
 * goes (with the frame counter), so a restarted object can still write the WAV.
 */
export class AudioRecorder {
  private pending: Uint8Array[] = [];
  private chunkAt = 0;
  private nextAt = 0;

  constructor(
    private readonly store: SessionStore,
    private readonly track: "caller" | "agent",
  ) {}

  frame(atMs: number, ulaw: Uint8Array): void {
    // A gap (lost frames, an idle agent) starts a new chunk, so the silence lands where it was.
    if (this.pending.length && Math.abs(atMs - this.nextAt) > FRAME_MS) this.flush();
    if (!this.pending.length) this.chunkAt = atMs;
    this.pending.push(ulaw);
    this.nextAt = atMs + ulaw.length / 8;
    if (this.pending.length >= FRAMES_PER_CHUNK) this.flush();
  }

  flush(): void {
    if (!this.pending.length) return;
    const bytes = new Uint8Array(this.pending.reduce((n, f) => n + f.length, 0));
    let offset = 0;
    for (const f of this.pending) {
      bytes.set(f, offset);
      offset += f.length;
    }
    this.store.audio(this.track, this.chunkAt, bytes, this.pending.length);
    this.pending = [];
  }
}

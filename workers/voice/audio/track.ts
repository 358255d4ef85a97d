import { BYTES_PER_MS } from "./energy";
import { MULAW_SILENCE } from "./mulaw";

/**
 * One side of a call as a μ-law timeline: audio written at a call-relative time lands at
 * 8 bytes per ms, gaps become silence. Audio that would overlap what is already there is
 * appended after it instead: a frame arriving a little early never erases another.
 */
export class AudioTrack {
  private buffer = new Uint8Array(BYTES_PER_MS * 1000);
  private length = 0;

  write(atMs: number, ulaw: Uint8Array): void {
    const offset = Math.max(this.length, Math.round(atMs) * BYTES_PER_MS);
    this.reserve(offset + ulaw.length);
    this.buffer.fill(MULAW_SILENCE, this.length, offset);
    this.buffer.set(ulaw, offset);
    this.length = offset + ulaw.length;
  }

  get durationMs(): number {
    return this.length / BYTES_PER_MS;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(size, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

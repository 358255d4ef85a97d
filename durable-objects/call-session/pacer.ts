/** 20 ms of μ-law 8 kHz: the frame Twilio plays. */
export const FRAME_BYTES = 160;
export const FRAME_MS = 20;
/** μ-law silence, to pad the last partial frame of a phrase. */
const ULAW_SILENCE = 0xff;
/** Frames sent ahead of real time, so Twilio never starves while we wait on a timer. */
const LEAD_FRAMES = 3;

export interface PacerOutput {
  frame(ulaw: Uint8Array): void;
  mark(name: string): void;
}

export interface PacerClock {
  now(): number;
  later(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export const realClock: PacerClock = {
  now: () => performance.now(),
  later: (fn, ms) => setTimeout(fn, ms),
  cancel: (h) => clearTimeout(h as number),
};

/**
 * Outbound audio paced in real time: bytes are cut into 20 ms frames, each sent when its slot on
 * a monotonic clock comes round (a few frames early). Marks ride the byte stream: one is sent
 * once every byte before it has gone out. `clear` drops everything still queued. It measures
 * its own jitter: how late each frame left against its slot.
 */
export class Pacer {
  private frames: Uint8Array[] = [];
  private marks: { at: number; name: string }[] = [];
  private partial = new Uint8Array(0);
  private queuedBytes = 0;
  private sentBytes = 0;
  private epoch = 0;
  private slot = 0;
  private timer: unknown = null;
  private readonly lateness: number[] = [];

  constructor(
    private readonly out: PacerOutput,
    private readonly clock: PacerClock = realClock,
  ) {}

  push(ulaw: Uint8Array): void {
    const bytes = this.partial.length ? concat(this.partial, ulaw) : ulaw;
    const whole = bytes.length - (bytes.length % FRAME_BYTES);
    for (let i = 0; i < whole; i += FRAME_BYTES) this.frames.push(bytes.slice(i, i + FRAME_BYTES));
    this.partial = bytes.slice(whole);
    this.queuedBytes += ulaw.length;
    this.wake();
  }

  /** A mark after everything pushed so far. */
  mark(name: string): void {
    this.marks.push({ at: this.queuedBytes, name });
    this.wake();
  }

  /** End of a phrase: the last partial frame is padded with silence so it plays. */
  flush(): void {
    if (!this.partial.length) return;
    const frame = new Uint8Array(FRAME_BYTES).fill(ULAW_SILENCE);
    frame.set(this.partial);
    this.frames.push(frame);
    this.queuedBytes += FRAME_BYTES - this.partial.length;
    this.partial = new Uint8Array(0);
    this.wake();
  }

  /** Barge-in: nothing queued is sent (Twilio's own buffer is dropped with a `clear` message). */
  clear(): void {
    this.frames = [];
    this.marks = [];
    this.partial = new Uint8Array(0);
    this.queuedBytes = this.sentBytes;
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
  }

  get idle(): boolean {
    return !this.frames.length && !this.marks.length && !this.partial.length;
  }

  /** Lateness of frames against their slots, ms. */
  jitter(): { frames: number; p50: number; p99: number; max: number } {
    const sorted = [...this.lateness].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
    return { frames: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0 };
  }

  private wake(): void {
    if (this.timer === null) this.tick();
  }

  private tick(): void {
    this.timer = null;
    const now = this.clock.now();
    // Everything sent has played out (the queue ran dry): playback restarts on a fresh timeline.
    if (now > this.epoch + this.slot * FRAME_MS) {
      this.epoch = now;
      this.slot = 0;
    }
    this.emitMarks();
    while (this.frames.length) {
      const due = this.epoch + (this.slot - LEAD_FRAMES) * FRAME_MS;
      if (due > now) break;
      const frame = this.frames.shift()!;
      this.lateness.push(Math.max(0, now - Math.max(due, this.epoch)));
      this.slot++;
      this.sentBytes += frame.length;
      this.out.frame(frame);
      this.emitMarks();
    }
    if (this.frames.length) this.timer = this.clock.later(() => this.tick(), this.epoch + (this.slot - LEAD_FRAMES) * FRAME_MS - now);
  }

  private emitMarks(): void {
    while (this.marks.length && this.marks[0]!.at <= this.sentBytes) this.out.mark(this.marks.shift()!.name);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

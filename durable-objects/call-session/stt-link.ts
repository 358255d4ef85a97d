import { log } from "../../workers/http/log";
import type { SttListener, SttProvider, SttStream } from "../../workers/providers/stt/provider";
import { realClock, type PacerClock } from "./pacer";

/** Audio kept while the recogniser is reconnecting: 30 s of frames; older audio is dropped first. */
const MAX_BUFFERED_FRAMES = 1500;
/** Deepgram closes an idle socket after ~10 s; keep-alives go out well inside that. */
export const KEEPALIVE_MS = 4000;
const RETRY_MS = [250, 500, 1000, 2000, 4000];

/**
 * The call's recognition socket, kept open for the whole call: opened while the phone rings,
 * kept alive while no audio flows, and reopened when the provider drops it. Audio sent while
 * it is down is buffered and replayed on the new socket, so the caller's words are not lost.
 */
export class SttLink {
  private stream: SttStream | null = null;
  private buffered: Uint8Array[] = [];
  private closed = false;
  private connecting: Promise<void> | null = null;
  /** Identifies the socket in use: a close reported by an older one must not tear down the current one. */
  private generation = 0;
  private lastAudioAt = 0;
  private keepAliveTimer: unknown = null;
  reconnects = 0;

  constructor(
    private readonly provider: SttProvider,
    private readonly listener: Omit<SttListener, "closed">,
    private readonly callId: string,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** Opens the socket unless it is open or opening (the call opens it while ringing and again on start). */
  open(): Promise<void> {
    if (this.stream?.open) return Promise.resolve();
    this.connecting ??= this.connect(0).finally(() => (this.connecting = null));
    return this.connecting;
  }

  get connected(): boolean {
    return this.stream?.open === true;
  }

  send(frame: Uint8Array): void {
    this.lastAudioAt = this.clock.now();
    if (this.stream?.open) {
      this.stream.send(frame);
      return;
    }
    this.buffered.push(frame);
    if (this.buffered.length > MAX_BUFFERED_FRAMES) this.buffered.shift();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.keepAliveTimer !== null) this.clock.cancel(this.keepAliveTimer);
    await this.stream?.close().catch(() => undefined);
  }

  private async connect(attempt: number): Promise<void> {
    while (!this.closed) {
      try {
        const generation = ++this.generation;
        this.stream = await this.provider.connect(
          { ...this.listener, closed: (expected, reason) => this.dropped(generation, expected, reason) },
          { tag: this.callId },
        );
        for (const frame of this.buffered.splice(0)) this.stream.send(frame);
        this.scheduleKeepAlive();
        return;
      } catch (err) {
        log("warn", "speech recognition connect failed", {
          callId: this.callId,
          provider: this.provider.name,
          attempt,
          error: err instanceof Error ? err.message : String(err),
        });
        await new Promise((resolve) => this.clock.later(() => resolve(null), RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!));
        attempt++;
      }
    }
  }

  private dropped(generation: number, expected: boolean, reason: string): void {
    if (generation !== this.generation) return;
    this.stream = null;
    if (expected || this.closed) return;
    this.reconnects++;
    log("warn", "speech recognition socket dropped; reconnecting", {
      callId: this.callId,
      provider: this.provider.name,
      reason: reason.slice(0, 120),
      reconnects: this.reconnects,
    });
    this.connecting ??= this.connect(1).finally(() => (this.connecting = null));
  }

  private scheduleKeepAlive(): void {
    if (this.keepAliveTimer !== null || this.closed) return;
    this.keepAliveTimer = this.clock.later(() => {
      this.keepAliveTimer = null;
      if (this.stream?.open && this.clock.now() - this.lastAudioAt >= KEEPALIVE_MS) this.stream.keepAlive();
      this.scheduleKeepAlive();
    }, KEEPALIVE_MS);
  }
}

import type { AgentSink } from "../../workers/voice/agent/phrase-cache";
import type { Pacer } from "./pacer";
import { Playback } from "./playback";

/**
 * One thing the agent says (an engine turn or a cached phrase) on its way to the caller: its
 * audio goes to the pacer with a mark after each chunk, and its playback tracks which of those
 * marks Twilio echoed, i.e. what the caller heard.
 */
export class Speech {
  readonly playback: Playback;
  readonly controller = new AbortController();
  /** All its audio has been produced (the turn or phrase finished). */
  produced = false;
  queuedBytes = 0;
  firstAudioAt: number | null = null;
  firstFrameAt: number | null = null;
  private clauses = 0;

  constructor(
    readonly turn: number,
    readonly kind: "turn" | "phrase",
    private readonly pacer: Pacer,
  ) {
    this.playback = new Playback(turn);
  }

  readonly sink: AgentSink = {
    clause: (text, index) => {
      if (this.aborted) return;
      if (index > 0) this.playback.clauseDone(index - 1);
      this.playback.clause(index, text);
      this.clauses = Math.max(this.clauses, index + 1);
    },
    audio: (chunk, index) => {
      if (this.aborted || !chunk.length) return;
      this.firstAudioAt ??= Date.now();
      this.queuedBytes += chunk.length;
      this.pacer.push(chunk);
      this.pacer.mark(this.playback.queued(index, chunk.length));
    },
  };

  get aborted(): boolean {
    return this.controller.signal.aborted;
  }

  /** Its audio is all produced: the last partial frame goes out. */
  complete(): void {
    if (this.aborted) return;
    this.produced = true;
    for (let i = 0; i < this.clauses; i++) this.playback.clauseDone(i);
    this.pacer.flush();
  }

  /** Still holding the line: audio being produced or not yet played out. */
  get active(): boolean {
    if (this.aborted) return false;
    if (!this.produced) return true;
    return this.queuedBytes > 0 && !this.playback.finished;
  }
}

import { log } from "../../http/log";
import { abortable } from "../../lib/abortable";
import { ChunkBuffer } from "./chunk-buffer";
import type { AgentSink } from "./phrase-cache";

export type AudioSource = (signal: AbortSignal) => AsyncIterable<Uint8Array>;

export interface SpeakerOptions {
  sink: AgentSink;
  /** Nothing reaches the sink before this resolves (a speculative turn not yet confirmed); a rejection discards the lot. */
  gate: Promise<void>;
  signal: AbortSignal;
  /** Text-to-speech for a clause given without its own audio. */
  synthesize: (text: string, signal: AbortSignal) => AsyncIterable<Uint8Array>;
  /** The first synthesised audio of the turn has arrived. */
  onFirstSynthesisedAudio?: () => void;
  callId: string;
}

/**
 * Speaks a turn's clauses in order. Each clause's audio is requested the moment the clause is
 * known, so the next clause is usually ready when the current one ends, but audio reaches the
 * sink strictly clause by clause. Aborting stops the requests and the sink hears nothing more.
 */
export function createSpeaker(options: SpeakerOptions) {
  const { sink, signal } = options;
  const queue: { text: string; audio: ChunkBuffer }[] = [];
  const spoken: string[] = [];
  let closed = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  signal.addEventListener("abort", notify);
  let firstAudio = false;
  const noteFirstAudio = () => {
    if (firstAudio) return;
    firstAudio = true;
    options.onFirstSynthesisedAudio?.();
  };

  async function play(): Promise<void> {
    if (!(await opened(options.gate, signal))) return;
    for (let index = 0; ; index++) {
      while (!queue[index]) {
        if (closed || signal.aborted) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      if (signal.aborted) return;
      const { text, audio } = queue[index]!;
      sink.clause(text, index);
      spoken.push(text);
      try {
        for await (const chunk of audio.read(signal)) {
          if (signal.aborted) return;
          sink.audio(chunk, index);
        }
      } catch (error) {
        // One clause lost is a gap in the sentence, not a reason to drop the rest of the turn.
        log("warn", "agent clause audio failed", {
          callId: options.callId,
          clause: index,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  const finished = play();

  return {
    /** Queues a clause; its audio comes from `source` (a cached phrase) or is synthesised now. */
    say(text: string, source?: AudioSource): void {
      if (closed || signal.aborted) return;
      const audio = source ? new ChunkBuffer(source(signal)) : new ChunkBuffer(options.synthesize(text, signal), noteFirstAudio);
      queue.push({ text, audio });
      notify();
    },
    /** No more clauses: `finished` resolves once the queued ones have been played. */
    close(): void {
      closed = true;
      notify();
    },
    finished,
    /** The clauses given to the sink so far. */
    spoken,
  };
}

/** Whether the gate opened (false: the turn was aborted or discarded first). */
async function opened(gate: Promise<void>, signal: AbortSignal): Promise<boolean> {
  try {
    await abortable(gate, signal);
    return !signal.aborted;
  } catch {
    return false;
  }
}

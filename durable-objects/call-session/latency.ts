import type { TurnLatency } from "../../workers/voice/records/types";

/** Wall-clock moments of one turn (ms, the same clock); null when it did not happen. */
export interface TurnTimes {
  turn: number;
  /** The caller's last voiced frame arrived. */
  endOfSpeechAt: number;
  /** The recogniser committed the turn (speech_final / UtteranceEnd). */
  sttFinalAt: number | null;
  /** The agent turn started (before sttFinalAt when speculative). */
  turnStartAt: number;
  speculative: boolean;
  /** The agent's own measures, ms after its start. */
  llmFirstTokenMs: number | null;
  ttsFirstByteMs: number | null;
  firstFrameAt: number | null;
}

/**
 * The turn's stages in ms after the caller's end of speech, and our overhead: first frame out
 * minus the time the providers account for. A plain turn waits for the recogniser, then the
 * engine and the voice; a speculative one runs the engine and voice from its start in parallel
 * with the recogniser and can play no sooner than the recogniser confirms it.
 */
export function turnLatency(t: TurnTimes): TurnLatency {
  const after = (at: number | null) => (at === null ? null : Math.max(0, at - t.endOfSpeechAt));
  const sttFinalMs = after(t.sttFinalAt);
  const llmFirstTokenMs = t.llmFirstTokenMs === null ? null : after(t.turnStartAt + t.llmFirstTokenMs);
  const ttsFirstByteMs = t.ttsFirstByteMs === null ? null : after(t.turnStartAt + t.ttsFirstByteMs);
  const firstFrameMs = after(t.firstFrameAt);
  let overheadMs: number | null = null;
  if (firstFrameMs !== null && t.llmFirstTokenMs !== null && t.ttsFirstByteMs !== null) {
    const startOffset = Math.max(0, t.turnStartAt - t.endOfSpeechAt);
    const agentReady = (t.speculative ? startOffset : (sttFinalMs ?? startOffset)) + t.ttsFirstByteMs;
    const providers = t.speculative ? Math.max(sttFinalMs ?? 0, agentReady) : agentReady;
    overheadMs = Math.max(0, firstFrameMs - providers);
  }
  return { turn: t.turn, sttFinalMs, llmFirstTokenMs, ttsFirstByteMs, firstFrameMs, overheadMs, speculative: t.speculative };
}

import { isBackchannel, normalizeSpeech } from "./barge-in";

/**
 * When the caller's turn is over, and when to start answering before the recogniser says so.
 * A turn is committed by the recogniser (a final with speech_final, or UtteranceEnd after
 * finals). Speculation: when voice energy says the caller stopped and the words so far are
 * settled, the agent may start at once on those words (gated: nothing is heard or done until
 * confirmed). The committed text then confirms it (same words, normalised) or replaces it;
 * the caller speaking again cancels it.
 */
export type TurnAction =
  | { type: "speculate"; text: string }
  | { type: "confirm"; text: string }
  | { type: "cancel" }
  | { type: "start"; text: string };

/** An interim unchanged for this long counts as settled. */
export const SETTLED_MS = 80;

export class TurnTaking {
  private finals: string[] = [];
  private interim = "";
  private interimAt = 0;
  private speculated: string | null = null;

  get speculating(): boolean {
    return this.speculated !== null;
  }

  /** The words of the turn so far. */
  get text(): string {
    return [...this.finals, this.interim].filter(Boolean).join(" ").trim();
  }

  interimWords(text: string, now: number): TurnAction[] {
    const changed = normalizeSpeech(text) !== normalizeSpeech(this.interim);
    this.interim = text;
    if (!changed) return [];
    this.interimAt = now;
    // New words after we guessed the turn was over: the guess is void.
    return this.speculated !== null && normalizeSpeech(this.text) !== normalizeSpeech(this.speculated) ? this.cancel() : [];
  }

  /** A recogniser final; `speechFinal` ends the turn. */
  final(text: string, speechFinal: boolean, agentSpeaking: boolean): TurnAction[] {
    if (text.trim()) this.finals.push(text.trim());
    this.interim = "";
    return speechFinal ? this.commit(agentSpeaking) : [];
  }

  utteranceEnd(agentSpeaking: boolean): TurnAction[] {
    return this.commit(agentSpeaking);
  }

  /** Voice energy: the caller started talking again. */
  speechStarted(): TurnAction[] {
    return this.speculated !== null ? this.cancel() : [];
  }

  /** Voice energy: the caller went quiet. Speculates when the words are settled and worth answering. */
  speechEnded(now: number, agentSpeaking: boolean): TurnAction[] {
    const text = this.text;
    if (agentSpeaking || this.speculated !== null || !text || isBackchannel(text)) return [];
    if (this.interim && now - this.interimAt < SETTLED_MS) return [];
    this.speculated = text;
    return [{ type: "speculate", text }];
  }

  /**
   * How long until the words so far settle when the caller has gone quiet but speechEnded could
   * not speculate yet (the last interim came in just before the pause); null: nothing to wait for.
   */
  settlesIn(now: number): number | null {
    if (this.speculated !== null || !this.interim || isBackchannel(this.text)) return null;
    const left = SETTLED_MS - (now - this.interimAt);
    return left > 0 ? left : null;
  }

  private commit(agentSpeaking: boolean): TurnAction[] {
    const text = this.text;
    const speculated = this.speculated;
    this.finals = [];
    this.interim = "";
    this.speculated = null;
    if (!text) return speculated !== null ? [{ type: "cancel" }] : [];
    // "mhm" while the agent talks is listening, not a turn.
    if (agentSpeaking && speculated === null && isBackchannel(text)) return [];
    if (speculated !== null && normalizeSpeech(speculated) === normalizeSpeech(text)) return [{ type: "confirm", text }];
    return speculated !== null ? [{ type: "cancel" }, { type: "start", text }] : [{ type: "start", text }];
  }

  private cancel(): TurnAction[] {
    this.speculated = null;
    return [{ type: "cancel" }];
  }
}

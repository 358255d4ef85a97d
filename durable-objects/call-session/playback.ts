/**
 * What the caller has actually heard of one agent turn. Each audio chunk is followed by a mark
 * naming the turn, the clause and the clause's bytes so far; Twilio echoes a mark once the
 * audio before it has played. On barge-in the turn is cut back to the last echoed mark: whole
 * clauses, plus the share of the words of a clause cut mid-way that its played bytes cover.
 */
export const markName = (turn: number, clause: number, bytes: number) => `t${turn}c${clause}b${bytes}`;

export function parseMark(name: string): { turn: number; clause: number; bytes: number } | null {
  const m = /^t(\d+)c(\d+)b(\d+)$/.exec(name);
  return m ? { turn: Number(m[1]), clause: Number(m[2]), bytes: Number(m[3]) } : null;
}

interface Clause {
  text: string;
  bytes: number;
  complete: boolean;
}

export class Playback {
  private readonly clauses: Clause[] = [];
  private played = { clause: -1, bytes: 0 };

  constructor(readonly turn: number) {}

  clause(index: number, text: string): void {
    this.clauses[index] = { text, bytes: 0, complete: false };
  }

  /** Records queued audio of a clause; returns the mark to send after it. */
  queued(index: number, bytes: number): string {
    const clause = (this.clauses[index] ??= { text: "", bytes: 0, complete: false });
    clause.bytes += bytes;
    return markName(this.turn, index, clause.bytes);
  }

  /** The clause's audio has all been queued (its length is now known). */
  clauseDone(index: number): void {
    const clause = this.clauses[index];
    if (clause) clause.complete = true;
  }

  /** A mark Twilio echoed; false when it is not one of this turn's. */
  echoed(name: string): boolean {
    const mark = parseMark(name);
    if (!mark || mark.turn !== this.turn) return false;
    if (mark.clause > this.played.clause || (mark.clause === this.played.clause && mark.bytes > this.played.bytes))
      this.played = { clause: mark.clause, bytes: mark.bytes };
    return true;
  }

  /** Every clause has been queued and played to its end. */
  get finished(): boolean {
    const last = this.clauses.length - 1;
    return (
      last >= 0 && this.clauses.every((c) => c.complete) && this.played.clause === last && this.played.bytes >= this.clauses[last]!.bytes
    );
  }

  /** The words heard so far. */
  heard(): string {
    const parts: string[] = [];
    for (let i = 0; i <= this.played.clause && i < this.clauses.length; i++) {
      const clause = this.clauses[i]!;
      if (i < this.played.clause || (clause.complete && this.played.bytes >= clause.bytes)) {
        parts.push(clause.text);
        continue;
      }
      const words = clause.text.split(/\s+/).filter(Boolean);
      // A clause still streaming has an unknown length: count it as heard no further than its queued bytes.
      const share = clause.bytes ? this.played.bytes / clause.bytes : 0;
      const kept = words.slice(0, Math.floor(words.length * share * (clause.complete ? 1 : 0.5)));
      if (kept.length) parts.push(`${kept.join(" ")}…`);
    }
    return parts.join(" ").trim();
  }
}

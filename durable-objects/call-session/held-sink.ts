import type { AgentSink } from "../../workers/voice/agent/phrase-cache";

/**
 * Audio produced before there is anywhere to play it (the greeting, synthesised while the phone
 * rings): held in order, then handed to the real sink, which also gets everything after.
 */
export class HeldSink implements AgentSink {
  private held: ((sink: AgentSink) => void)[] = [];
  private target: AgentSink | null = null;

  clause(text: string, index: number): void {
    if (this.target) this.target.clause(text, index);
    else this.held.push((sink) => sink.clause(text, index));
  }

  audio(chunk: Uint8Array, clauseIndex: number): void {
    if (this.target) this.target.audio(chunk, clauseIndex);
    else this.held.push((sink) => sink.audio(chunk, clauseIndex));
  }

  release(target: AgentSink): void {
    this.target = target;
    for (const replay of this.held.splice(0)) replay(target);
  }
}

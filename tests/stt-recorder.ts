import type { SttFinal, SttListener } from "../workers/providers/stt/provider";

export type SttEvent =
  | { kind: "interim"; text: string }
  | { kind: "final"; segment: SttFinal }
  | { kind: "speechStarted" }
  | { kind: "utteranceEnd" }
  | { kind: "closed"; expected: boolean; reason: string };

/** An SttListener that records every callback, with a way to wait for one. */
export function sttRecorder() {
  const events: SttEvent[] = [];
  const listener: SttListener = {
    interim: (text) => events.push({ kind: "interim", text }),
    final: (segment) => events.push({ kind: "final", segment }),
    speechStarted: () => events.push({ kind: "speechStarted" }),
    utteranceEnd: () => events.push({ kind: "utteranceEnd" }),
    closed: (expected, reason) => events.push({ kind: "closed", expected, reason }),
  };
  async function waitFor<K extends SttEvent["kind"]>(kind: K, timeoutMs = 5000): Promise<Extract<SttEvent, { kind: K }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find((e) => e.kind === kind);
      if (found) return found as Extract<SttEvent, { kind: K }>;
      if (Date.now() > deadline)
        throw new Error(`no ${kind} within ${timeoutMs} ms; got ${events.map((e) => e.kind).join(", ") || "nothing"}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { events, listener, waitFor };
}

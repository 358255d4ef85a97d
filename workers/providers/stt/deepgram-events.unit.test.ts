import { describe, expect, it } from "vitest";
import { dispatchDeepgramMessage } from "./deepgram-events";
import type { SttFinal, SttListener } from "./provider";

function recorder() {
  const calls: [string, unknown?][] = [];
  const listener: SttListener = {
    interim: (text) => calls.push(["interim", text]),
    final: (segment: SttFinal) => calls.push(["final", segment]),
    speechStarted: () => calls.push(["speechStarted"]),
    utteranceEnd: () => calls.push(["utteranceEnd"]),
    closed: (expected, reason) => calls.push(["closed", { expected, reason }]),
  };
  return { calls, listener };
}

const results = (transcript: string, extra: Record<string, unknown>) =>
  JSON.stringify({
    type: "Results",
    channel_index: [0, 1],
    start: 1.25,
    duration: 1.5,
    channel: { alternatives: [{ transcript, confidence: 0.97, words: [] }] },
    ...extra,
  });

describe("Deepgram live messages", () => {
  it("maps interim and final results with audio times in ms", () => {
    const { calls, listener } = recorder();
    dispatchDeepgramMessage(results("my roof", { is_final: false, speech_final: false }), listener);
    dispatchDeepgramMessage(results("My roof is leaking.", { is_final: true, speech_final: true }), listener);
    expect(calls).toEqual([
      ["interim", "my roof"],
      ["final", { text: "My roof is leaking.", confidence: 0.97, speechFinal: true, startMs: 1250, endMs: 2750 }],
    ]);
  });

  it("drops wordless interims and wordless non-final segments but keeps a wordless turn end", () => {
    const { calls, listener } = recorder();
    dispatchDeepgramMessage(results("", { is_final: false }), listener);
    dispatchDeepgramMessage(results("", { is_final: true, speech_final: false }), listener);
    dispatchDeepgramMessage(results("", { is_final: true, speech_final: true }), listener);
    expect(calls).toEqual([["final", { text: "", confidence: 0.97, speechFinal: true, startMs: 1250, endMs: 2750 }]]);
  });

  it("passes on VAD and utterance-end events, and ignores Metadata and what is not JSON", () => {
    const { calls, listener } = recorder();
    dispatchDeepgramMessage(JSON.stringify({ type: "SpeechStarted", channel: [0], timestamp: 0.4 }), listener);
    dispatchDeepgramMessage(JSON.stringify({ type: "UtteranceEnd", channel: [0, 1], last_word_end: 2.7 }), listener);
    expect(dispatchDeepgramMessage(JSON.stringify({ type: "Metadata", request_id: "r-1" }), listener)).toMatchObject({ type: "Metadata" });
    expect(dispatchDeepgramMessage("not json", listener)).toBeNull();
    expect(calls).toEqual([["speechStarted"], ["utteranceEnd"]]);
  });
});

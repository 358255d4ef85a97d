import { describe, expect, it } from "vitest";
import { turnLatency } from "./latency";

describe("per-turn latency", () => {
  it("a plain turn: stages after end of speech, overhead beyond recogniser + engine + voice", () => {
    const t = turnLatency({
      turn: 1,
      endOfSpeechAt: 10_000,
      sttFinalAt: 10_300,
      turnStartAt: 10_302,
      speculative: false,
      llmFirstTokenMs: 350,
      ttsFirstByteMs: 425,
      firstFrameAt: 10_731,
    });
    expect(t).toEqual({
      turn: 1,
      sttFinalMs: 300,
      llmFirstTokenMs: 652,
      ttsFirstByteMs: 727,
      firstFrameMs: 731,
      overheadMs: 6,
      speculative: false,
    });
  });

  it("a speculative turn overlaps the recogniser: the slower of the two paths is the providers' time", () => {
    const t = turnLatency({
      turn: 2,
      endOfSpeechAt: 0,
      sttFinalAt: 300,
      turnStartAt: 160,
      speculative: true,
      llmFirstTokenMs: 350,
      ttsFirstByteMs: 425,
      firstFrameAt: 590,
    });
    expect(t).toMatchObject({
      sttFinalMs: 300,
      llmFirstTokenMs: 510,
      ttsFirstByteMs: 585,
      firstFrameMs: 590,
      overheadMs: 5,
      speculative: true,
    });
  });

  it("stages that did not happen are null", () => {
    expect(
      turnLatency({
        turn: 3,
        endOfSpeechAt: 0,
        sttFinalAt: 300,
        turnStartAt: 300,
        speculative: false,
        llmFirstTokenMs: null,
        ttsFirstByteMs: null,
        firstFrameAt: null,
      }),
    ).toEqual({
      turn: 3,
      sttFinalMs: 300,
      llmFirstTokenMs: null,
      ttsFirstByteMs: null,
      firstFrameMs: null,
      overheadMs: null,
      speculative: false,
    });
  });
});

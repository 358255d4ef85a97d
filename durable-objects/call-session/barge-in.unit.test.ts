import { describe, expect, it } from "vitest";
import { isBackchannel, isBargeIn, normalizeSpeech } from "./barge-in";

describe("barge-in", () => {
  it("backchannels do not interrupt, whatever their spelling", () => {
    for (const text of ["mhm", "Mm-hmm.", "uh-huh", "Uh huh", "Yeah.", "okay", "Right!", "yeah okay", "I see"]) {
      expect(isBackchannel(text), text).toBe(true);
      expect(isBargeIn({ words: text, voicedMs: 900 }), text).toBe(false);
    }
  });

  it("real words interrupt at once", () => {
    expect(isBargeIn({ words: "wait, no", voicedMs: 100 })).toBe(true);
    expect(isBargeIn({ words: "yeah but the address is wrong", voicedMs: 200 })).toBe(true);
    expect(isBackchannel("okay okay okay okay")).toBe(false);
  });

  it("without words, a short burst (a cough) is not an interruption; sustained speech is", () => {
    expect(isBargeIn({ words: "", voicedMs: 280 })).toBe(false);
    expect(isBargeIn({ words: "  ", voicedMs: 400 })).toBe(false);
    expect(isBargeIn({ words: "", voicedMs: 620 })).toBe(true);
  });

  it("normalises transcripts for comparison", () => {
    expect(normalizeSpeech("  My ROOF, it's leaking!! ")).toBe("my roof it's leaking");
  });
});

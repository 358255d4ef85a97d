import { describe, expect, it } from "vitest";
import { decodeMulaw, encodeMulaw, linearToMulaw, MULAW_SILENCE, mulawToLinear } from "./mulaw";

describe("G.711 μ-law", () => {
  it("decodes the reference code points", () => {
    expect(mulawToLinear(0xff)).toBe(0);
    expect(mulawToLinear(0x7f)).toBe(0);
    expect(mulawToLinear(0x00)).toBe(-32124);
    expect(mulawToLinear(0x80)).toBe(32124);
    expect(mulawToLinear(0xfe)).toBe(8);
    expect(mulawToLinear(0x7e)).toBe(-8);
    expect(mulawToLinear(0xef)).toBe(132);
  });

  it("encodes the reference values, clipping beyond full scale", () => {
    expect(linearToMulaw(0)).toBe(MULAW_SILENCE);
    expect(linearToMulaw(32124)).toBe(0x80);
    expect(linearToMulaw(-32124)).toBe(0x00);
    expect(linearToMulaw(32767)).toBe(0x80);
    expect(linearToMulaw(-32768)).toBe(0x00);
    expect(linearToMulaw(-1)).toBe(0x7f);
  });

  it("round-trips every code point except negative zero, which decodes to +0", () => {
    for (let byte = 0; byte < 256; byte++) {
      const expected = byte === 0x7f ? MULAW_SILENCE : byte;
      expect(linearToMulaw(mulawToLinear(byte))).toBe(expected);
    }
  });

  it("keeps the quantisation error within half a step of the segment", () => {
    for (let sample = -32000; sample <= 32000; sample += 37) {
      const back = mulawToLinear(linearToMulaw(sample));
      const step = 8 << Math.max(0, 31 - Math.clz32(Math.abs(sample) + 0x84) - 7);
      expect(Math.abs(back - sample)).toBeLessThanOrEqual(step);
    }
  });

  it("converts whole buffers", () => {
    const pcm = Int16Array.from([0, 1000, -1000, 32000]);
    const back = decodeMulaw(encodeMulaw(pcm));
    expect(back).toHaveLength(4);
    expect(Math.abs(back[1]! - 1000)).toBeLessThan(40);
    expect(Math.abs(back[2]! + 1000)).toBeLessThan(40);
  });
});

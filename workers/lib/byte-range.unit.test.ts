import { describe, expect, it } from "vitest";
import { asksForRange, resolveRange } from "./byte-range";

describe("resolveRange", () => {
  it("serves first-last, open-ended and suffix ranges, clamping a last byte past the end", () => {
    expect(resolveRange("bytes=100-199", 1000)).toEqual({ kind: "part", offset: 100, length: 100 });
    expect(resolveRange("bytes=900-", 1000)).toEqual({ kind: "part", offset: 900, length: 100 });
    expect(resolveRange("bytes=-10", 1000)).toEqual({ kind: "part", offset: 990, length: 10 });
    expect(resolveRange("bytes=-5000", 1000)).toEqual({ kind: "part", offset: 0, length: 1000 });
    expect(resolveRange("bytes=990-5000", 1000)).toEqual({ kind: "part", offset: 990, length: 10 });
    expect(resolveRange("bytes=0-0", 1)).toEqual({ kind: "part", offset: 0, length: 1 });
  });

  it("calls reversed, past-the-end and empty ranges unsatisfiable", () => {
    expect(resolveRange("bytes=200-100", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(resolveRange("bytes=1000-", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(resolveRange("bytes=5000-6000", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(resolveRange("bytes=-0", 1000)).toEqual({ kind: "unsatisfiable" });
    expect(resolveRange("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it("ignores what it does not serve: no header, other units, several ranges, garbage", () => {
    for (const header of [undefined, "", "bytes=-", "items=0-1", "bytes=0-1,5-6", "bytes=a-b", "bytes 0-1"]) {
      expect(resolveRange(header, 1000), String(header)).toEqual({ kind: "whole" });
      expect(asksForRange(header), String(header)).toBe(false);
    }
    expect(asksForRange("bytes=5-1")).toBe(true);
  });
});

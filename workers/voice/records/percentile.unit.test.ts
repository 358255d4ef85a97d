import { describe, expect, it } from "vitest";
import { percentile } from "./percentile";

describe("percentile (nearest rank)", () => {
  it("picks the value at the rank, whatever the input order", () => {
    const values = [900, 100, 500, 300, 700, 200, 400, 600, 800, 1000];
    expect(percentile(values, 50)).toBe(500);
    expect(percentile(values, 95)).toBe(1000);
    expect(percentile(values, 0)).toBe(100);
    expect(percentile([42], 95)).toBe(42);
  });

  it("is null without values", () => {
    expect(percentile([], 50)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { abortable } from "./abortable";

describe("unit: abortable", () => {
  it("passes the work's outcome through while the signal stays quiet", async () => {
    expect(await abortable(Promise.resolve(7), new AbortController().signal)).toBe(7);
    await expect(abortable(Promise.reject(new Error("boom")), new AbortController().signal)).rejects.toThrow("boom");
  });

  it("rejects with the abort reason at once, before or during the work", async () => {
    const early = new AbortController();
    early.abort(new Error("already"));
    await expect(abortable(new Promise(() => undefined), early.signal)).rejects.toThrow("already");
    const late = new AbortController();
    const pending = abortable(new Promise(() => undefined), late.signal);
    late.abort(new Error("barge-in"));
    await expect(pending).rejects.toThrow("barge-in");
  });
});

import { describe, expect, it } from "vitest";
import { ChunkBuffer } from "./chunk-buffer";

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bytes = (...values: number[]) => new Uint8Array(values);

async function* arriving(chunks: Uint8Array[], failAfter = Infinity): AsyncIterable<Uint8Array> {
  for (const [i, chunk] of chunks.entries()) {
    if (i === failAfter) throw new Error("socket closed");
    await after(10);
    yield chunk;
  }
}

const readAll = async (buffer: ChunkBuffer, signal?: AbortSignal) => {
  const seen: number[] = [];
  for await (const chunk of buffer.read(signal)) seen.push(...chunk);
  return seen;
};

describe("unit: chunk buffer", () => {
  it("every reader gets every chunk from the first, whether it starts early or late", async () => {
    let firsts = 0;
    const buffer = new ChunkBuffer(arriving([bytes(1, 2), bytes(3), bytes(4, 5)]), () => firsts++);
    const early = readAll(buffer);
    await buffer.complete;
    expect(await early).toEqual([1, 2, 3, 4, 5]);
    expect(await readAll(buffer)).toEqual([1, 2, 3, 4, 5]);
    expect(buffer.bytes()).toEqual(bytes(1, 2, 3, 4, 5));
    expect(firsts).toBe(1);
  });

  it("a failing source fails its readers after what arrived; an aborted reader just stops", async () => {
    const failing = new ChunkBuffer(arriving([bytes(1), bytes(2)], 1));
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const chunk of failing.read()) seen.push(...chunk);
      })(),
    ).rejects.toThrow("socket closed");
    expect(seen).toEqual([1]);

    const control = new AbortController();
    const slow = new ChunkBuffer(arriving([bytes(1), bytes(2), bytes(3)]));
    const reading = readAll(slow, control.signal);
    await after(15);
    control.abort();
    expect(await reading).toEqual([1]);
  });
});

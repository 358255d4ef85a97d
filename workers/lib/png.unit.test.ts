import { describe, expect, it } from "vitest";
import { crc32, encodePng } from "./png";

/** Walks the chunks of a PNG, checking each CRC, as a decoder does. */
function chunks(png: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; data: Uint8Array }[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    expect(view.getUint32(offset + 8 + length), `CRC of ${type}`).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
    out.push({ type, data });
    offset += 12 + length;
  }
  return out;
}

describe("encodePng", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });

  it("writes a valid RGB PNG whose pixels decode back", async () => {
    const [width, height] = [3, 2];
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
    const png = await encodePng(width, height, rgb);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const parsed = chunks(png);
    expect(parsed.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    const ihdr = new DataView(parsed[0]!.data.buffer, parsed[0]!.data.byteOffset, 13);
    expect([ihdr.getUint32(0), ihdr.getUint32(4), ihdr.getUint8(8), ihdr.getUint8(9)]).toEqual([3, 2, 8, 2]);
    const raw = new Uint8Array(
      await new Response(new Blob([parsed[1]!.data]).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer(),
    );
    expect(raw.length).toBe(height * (1 + width * 3));
    expect([...raw.subarray(0, 1 + width * 3)]).toEqual([0, ...rgb.subarray(0, width * 3)]);
    expect([...raw.subarray(1 + width * 3 + 1)]).toEqual([...rgb.subarray(width * 3)]);
  });

  it("refuses a pixel buffer of the wrong size", async () => {
    await expect(encodePng(2, 2, new Uint8Array(5))).rejects.toThrow(/expected 12 bytes/);
  });
});

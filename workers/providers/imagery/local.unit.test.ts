import { describe, expect, it } from "vitest";
import type { Property } from "../../scans/catalog/catalog";
import { LocalImagery, TILE_SIZE } from "./local";

// A 16 m × 12 m metal roof centred on its point.
const HOME: Property = {
  id: "sample-tile-1",
  lat: 30.2672,
  lng: -97.7431,
  footprint: {
    type: "Polygon",
    coordinates: [
      [
        [-97.74318, 30.26715],
        [-97.74302, 30.26715],
        [-97.74302, 30.26725],
        [-97.74318, 30.26725],
        [-97.74318, 30.26715],
      ],
    ],
  },
  yearBuilt: 2015,
  roofMaterial: "metal",
  value: 500_000,
  ownerOccupied: true,
  ownerName: "Avery Samplewood (fictitious)",
  address: "100 Sample Oak Ln, Austin, TX",
  postcode: "78701",
};

async function pixels(png: Uint8Array): Promise<Uint8Array> {
  const view = new DataView(png.buffer, png.byteOffset);
  const idatLength = view.getUint32(33); // signature 8 + IHDR 25
  const idat = png.subarray(41, 41 + idatLength);
  return new Uint8Array(await new Response(new Blob([idat]).stream().pipeThrough(new DecompressionStream("deflate"))).arrayBuffer());
}
const pixelAt = (raw: Uint8Array, x: number, y: number) => [
  ...raw.subarray(y * (1 + TILE_SIZE * 3) + 1 + x * 3, y * (1 + TILE_SIZE * 3) + 4 + x * 3),
];

describe("LocalImagery", () => {
  const imagery = new LocalImagery(() => Date.UTC(2026, 0, 1));

  it("renders a PNG tile of the footprint: roof in the middle, ground around it", async () => {
    const image = await imagery.fetch(HOME);
    expect(image).toMatchObject({ contentType: "image/png", source: "local-sample-tile", capturedAt: null });
    expect([...image.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const ihdr = new DataView(image.bytes.buffer, image.bytes.byteOffset + 16, 8);
    expect([ihdr.getUint32(0), ihdr.getUint32(4)]).toEqual([TILE_SIZE, TILE_SIZE]);
    const raw = await pixels(image.bytes);
    const [r, g, b] = pixelAt(raw, TILE_SIZE / 2, TILE_SIZE / 2);
    // Metal is a blue-grey; the corner is grass.
    expect(b!).toBeGreaterThan(r!);
    const [cr, cg] = pixelAt(raw, 2, 2);
    expect(cg!).toBeGreaterThan(cr! + 15);
    // The 16 m roof spans ~120 px at zoom 20 (≈ 0.13 m/px): well inside the tile, not touching its edge.
    expect(pixelAt(raw, TILE_SIZE / 2 + 50, TILE_SIZE / 2)).toEqual([r, g, b]);
    expect(pixelAt(raw, TILE_SIZE / 2 + 100, TILE_SIZE / 2)).not.toEqual([r, g, b]);
  });

  it("is deterministic per property and differs between properties", async () => {
    const [a, b] = [await imagery.fetch(HOME), await imagery.fetch(HOME)];
    expect(b.bytes).toEqual(a.bytes);
    const other = await imagery.fetch({ ...HOME, id: "sample-tile-2", roofMaterial: "clay tile" });
    expect(other.bytes).not.toEqual(a.bytes);
  });
});

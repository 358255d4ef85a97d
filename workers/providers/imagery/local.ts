import { encodePng } from "../../lib/png";
import { stableHash } from "../../lib/stable-hash";
import type { Property } from "../../scans/catalog/catalog";
import type { Position } from "../../scans/geo";
import type { AerialImage, ImageryProvider } from "./provider";

export const TILE_SIZE = 256;
const ZOOM = 20;
const WORLD_PX = 256 * 2 ** ZOOM;

type Rgb = [number, number, number];
const GROUND: Rgb = [86, 118, 64];
const WEATHERED: Rgb = [128, 118, 102];
const ROOF_COLOURS: Record<string, Rgb> = {
  "asphalt shingle": [72, 72, 78],
  metal: [152, 162, 172],
  "clay tile": [178, 92, 62],
  "concrete tile": [158, 150, 140],
  slate: [62, 66, 82],
  "wood shake": [128, 98, 68],
  "flat membrane": [204, 204, 198],
};
const UNKNOWN_ROOF: Rgb = [110, 100, 96];

/** Web Mercator world pixel of [lng, lat] at ZOOM, as map tiles are laid out. */
function worldPixel([lng, lat]: Position): [number, number] {
  const sin = Math.sin((lat * Math.PI) / 180);
  return [((lng + 180) / 360) * WORLD_PX, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * WORLD_PX];
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as Rgb;
const shade = ([r, g, b]: Rgb, delta: number): Rgb => [r + delta, g + delta, b + delta].map((v) => Math.max(0, Math.min(255, v))) as Rgb;

/** Which pixels of the tile lie inside the ring (scanline fill, even-odd). */
function rasterize(ring: [number, number][]): Uint8Array {
  const mask = new Uint8Array(TILE_SIZE * TILE_SIZE);
  for (let y = 0; y < TILE_SIZE; y++) {
    const yc = y + 0.5;
    const xs: number[] = [];
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[j]!;
      const [x2, y2] = ring[i]!;
      if (y1 <= yc !== y2 <= yc) xs.push(x1 + ((yc - y1) * (x2 - x1)) / (y2 - y1));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      for (let x = Math.max(0, Math.ceil(xs[k]! - 0.5)); x <= Math.min(TILE_SIZE - 1, Math.floor(xs[k + 1]! - 0.5)); x++)
        mask[y * TILE_SIZE + x] = 1;
    }
  }
  return mask;
}

/**
 * A rendered stand-in for an aerial photo of a sample property: its footprint projected onto a
 * zoom-20 Web Mercator tile centred on it, the roof coloured by material and faded with age,
 * on patchy ground. The same property always gives the same bytes (so R2 stores it once).
 */
export async function renderSampleTile(property: Property, currentYear: number): Promise<Uint8Array> {
  const [cx, cy] = worldPixel([property.lng, property.lat]);
  const ring = (property.footprint.coordinates[0] ?? []).map((p) => {
    const [x, y] = worldPixel(p);
    return [x - cx + TILE_SIZE / 2, y - cy + TILE_SIZE / 2] as [number, number];
  });
  const mask = rasterize(ring);
  const age = property.yearBuilt === null ? 20 : Math.max(0, currentYear - property.yearBuilt);
  const roof = mix(ROOF_COLOURS[property.roofMaterial ?? ""] ?? UNKNOWN_ROOF, WEATHERED, Math.min(0.6, age / 60));
  const edge = shade(roof, -30);
  // 8×8 patches of lighter and darker ground: texture that still compresses well.
  const seed = stableHash(property.id);
  const blocks = TILE_SIZE >> 3;
  const ground = Array.from({ length: blocks * blocks }, (_, b) => shade(GROUND, (stableHash(`${seed}:${b}`) % 17) - 8));
  const rgb = new Uint8Array(TILE_SIZE * TILE_SIZE * 3);
  for (let y = 0; y < TILE_SIZE; y++) {
    for (let x = 0; x < TILE_SIZE; x++) {
      const i = y * TILE_SIZE + x;
      const onEdge = mask[i] && (!mask[i - 1] || !mask[i + 1] || !mask[i - TILE_SIZE] || !mask[i + TILE_SIZE]);
      rgb.set(mask[i] ? (onEdge ? edge : roof) : ground[(y >> 3) * blocks + (x >> 3)]!, i * 3);
    }
  }
  return encodePng(TILE_SIZE, TILE_SIZE, rgb);
}

/** No imagery key: every property gets its rendered sample tile. */
export class LocalImagery implements ImageryProvider {
  readonly name = "local-sample-tile";

  constructor(private readonly now = () => Date.now()) {}

  async fetch(property: Property): Promise<AerialImage> {
    const bytes = await renderSampleTile(property, new Date(this.now()).getUTCFullYear());
    return { bytes, contentType: "image/png", capturedAt: null, source: this.name };
  }
}

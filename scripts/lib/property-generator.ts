// A fixed-seed, entirely fictitious neighbourhood around downtown Austin, TX: the sample property
// catalog seeded into D1 (`npm start`) and Postgres (`npm run db:pg:seed`), and the data of the
// catalog tests. Plain TypeScript without relative imports, so Node runs it directly.
import type { Property } from "../../workers/scans/catalog/catalog";

export const AUSTIN_CENTER: [number, number] = [-97.7431, 30.2672]; // [lng, lat]
export const SAMPLE_RADIUS_M = 2_000;
export const SAMPLE_COUNT = 5_000;
export const SAMPLE_SEED = 20_261_121;

const METRES_PER_DEG_LAT = 111_320;
const ROOFS = [
  "asphalt shingle",
  "asphalt shingle",
  "asphalt shingle",
  "metal",
  "clay tile",
  "concrete tile",
  "slate",
  "wood shake",
  "flat membrane",
];
const FIRST = ["Avery", "Jordan", "Casey", "Riley", "Morgan", "Quinn", "Harper", "Rowan", "Emerson", "Sawyer", "Finley", "Reese"];
// Surnames no one has: the owners are obviously made up.
const LAST = [
  "Samplewood",
  "Fictionby",
  "Placeholder",
  "Examplar",
  "Mockridge",
  "Testington",
  "Demoford",
  "Notreal",
  "Madeupson",
  "Pretendle",
];
const STREETS = [
  "Sample Oak Ln",
  "Fictional Pecan St",
  "Example Mesa Dr",
  "Demo Bluebonnet Way",
  "Mock Cedar Ct",
  "Imaginary Live Oak Ave",
  "Pretend Creek Rd",
  "Placeholder Hill Blvd",
];
const POSTCODES = ["78701", "78702", "78703", "78704", "78705", "78751"];

/** mulberry32: the same seed gives the same catalog on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/** `count` properties within `radius` metres of `center`, footprints included. */
export function generateProperties({
  count = SAMPLE_COUNT,
  seed = SAMPLE_SEED,
  center = AUSTIN_CENTER,
  radius = SAMPLE_RADIUS_M,
} = {}): Property[] {
  const rand = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
  const [lng0, lat0] = center;
  const metresPerDegLng = METRES_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const out: Property[] = [];
  for (let i = 0; i < count; i++) {
    // Uniform over the disc, kept 40 m inside its edge so every footprint is within the radius.
    const r = (radius - 40) * Math.sqrt(rand());
    const theta = 2 * Math.PI * rand();
    const east = r * Math.cos(theta);
    const north = r * Math.sin(theta);
    const lng = round7(lng0 + east / metresPerDegLng);
    const lat = round7(lat0 + north / METRES_PER_DEG_LAT);
    const width = 9 + rand() * 12;
    const depth = 8 + rand() * 10;
    const angle = rand() * Math.PI;
    const corners = [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
      [-1, -1],
    ].map(([sx, sy]) => {
      const x = (sx! * width) / 2,
        y = (sy! * depth) / 2;
      const dx = x * Math.cos(angle) - y * Math.sin(angle);
      const dy = x * Math.sin(angle) + y * Math.cos(angle);
      return [round7(lng + dx / metresPerDegLng), round7(lat + dy / METRES_PER_DEG_LAT)] as [number, number];
    });
    const yearBuilt = 1925 + Math.floor(rand() ** 0.7 * 99);
    const ownerOccupied = rand() < 0.62;
    out.push({
      id: `sample-austin-${String(i + 1).padStart(6, "0")}`,
      lat,
      lng,
      footprint: { type: "Polygon", coordinates: [corners] },
      yearBuilt,
      roofMaterial: pick(ROOFS),
      value: Math.round((180_000 + rand() * 1_400_000) / 1_000) * 1_000,
      ownerOccupied,
      ownerName: `${pick(FIRST)} ${pick(LAST)} (fictitious)`,
      address: `${100 + Math.floor(rand() * 9_800)} ${pick(STREETS)}, Austin, TX`,
      postcode: pick(POSTCODES),
    });
  }
  return out;
}

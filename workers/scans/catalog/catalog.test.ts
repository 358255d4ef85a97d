import { env } from "cloudflare:workers";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AUSTIN_CENTER, generateProperties } from "../../../scripts/lib/property-generator";
import { distanceMetres, pointInPolygon, type PolygonGeometry, type Position } from "../geo";
import type { PropertyCatalog } from "./catalog";
import { d1Catalog, insertD1Properties } from "./d1";
import { insertPgProperties } from "./pg-writer";
import { postgresCatalog } from "./postgres";

// The same neighbourhood in both stores; each query's answer is also checked against brute force.
const SAMPLE = generateProperties({ count: 1_500, seed: 7 });
const [LNG, LAT] = AUSTIN_CENTER;
const poly = (...ring: Position[]): PolygonGeometry => ({ type: "Polygon", coordinates: [[...ring, ring[0]!]] });
const POLYGONS: Record<string, PolygonGeometry> = {
  "a block north-east": poly([LNG, LAT], [LNG + 0.008, LAT], [LNG + 0.008, LAT + 0.006], [LNG, LAT + 0.006]),
  "a concave L": poly(
    [LNG - 0.01, LAT - 0.01],
    [LNG + 0.004, LAT - 0.01],
    [LNG + 0.004, LAT - 0.006],
    [LNG - 0.006, LAT - 0.006],
    [LNG - 0.006, LAT + 0.008],
    [LNG - 0.01, LAT + 0.008],
  ),
  "a thin diagonal": poly([LNG - 0.015, LAT - 0.012], [LNG - 0.013, LAT - 0.013], [LNG + 0.014, LAT + 0.012], [LNG + 0.012, LAT + 0.013]),
  "an empty lake far away": poly([LNG + 1, LAT + 1], [LNG + 1.01, LAT + 1], [LNG + 1.01, LAT + 1.01]),
};
const RADII: [Position, number][] = [
  [AUSTIN_CENTER, 300],
  [[LNG + 0.005, LAT - 0.004], 650],
  [[LNG - 0.03, LAT], 10],
];

const ids = (items: { id: string }[]) => items.map((p) => p.id);
const bruteInPolygon = (polygon: PolygonGeometry) => ids(SAMPLE.filter((p) => pointInPolygon([p.lng, p.lat], polygon))).sort();
const bruteInRadius = (point: Position, metres: number) =>
  ids(SAMPLE.filter((p) => distanceMetres(point, [p.lng, p.lat]) <= metres)).sort();

function catalogSuite(name: string, open: () => Promise<{ catalog: PropertyCatalog; close(): Promise<void> }>) {
  describe(name, () => {
    let catalog: PropertyCatalog;
    let close = async () => {};
    beforeAll(async () => {
      ({ catalog, close } = await open());
    }, 60_000);
    afterAll(() => close());

    for (const [label, polygon] of Object.entries(POLYGONS)) {
      it(`finds the properties in ${label}`, async () => {
        const expected = bruteInPolygon(polygon);
        const found = await catalog.propertiesInPolygon(polygon);
        expect(ids(found)).toEqual(expected);
        expect(await catalog.countInPolygon(polygon)).toBe(expected.length);
        if (!label.includes("empty")) expect(expected.length).toBeGreaterThan(5);
      });
    }

    it("finds the properties within a radius", async () => {
      for (const [point, metres] of RADII)
        expect(ids(await catalog.propertiesWithinRadius(point, metres))).toEqual(bruteInRadius(point, metres));
      expect(bruteInRadius(AUSTIN_CENTER, 300).length).toBeGreaterThan(5);
    });

    it("returns every attribute as stored", async () => {
      const found = await catalog.propertiesInPolygon(POLYGONS["a block north-east"]!);
      const byId = new Map(SAMPLE.map((p) => [p.id, p]));
      for (const property of found) expect(property).toEqual(byId.get(property.id));
    });

    it("finds properties by id, leaving out unknown ids", async () => {
      const wanted = SAMPLE.slice(0, 120).map((p) => p.id);
      const found = await catalog.propertiesByIds([...wanted].reverse().concat("no-such-property"));
      expect(ids(found)).toEqual([...wanted].sort());
      expect(found[0]).toEqual(SAMPLE.find((p) => p.id === found[0]!.id));
      expect(await catalog.propertiesByIds([])).toEqual([]);
    });
  });
}

catalogSuite("property catalog on D1", async () => {
  await insertD1Properties(env.DB, SAMPLE);
  await insertD1Properties(env.DB, SAMPLE.slice(0, 10)); // idempotent
  return { catalog: d1Catalog(env.DB), close: async () => {} };
});

// Postgres + PostGIS when tests/fakes/global-setup.ts found one (it creates a throwaway database).
const pgUrl = inject("pgUrl");
if (pgUrl) {
  catalogSuite("property catalog on PostGIS", async () => {
    const sql = postgres(pgUrl, { fetch_types: false, max: 1, onnotice: () => {} });
    await insertPgProperties(sql, SAMPLE);
    await insertPgProperties(sql, SAMPLE.slice(0, 10));
    // Not ended here (that races postgres.js's socket polyfill in workerd): the global setup drops the database WITH (FORCE).
    return { catalog: postgresCatalog(sql), close: async () => {} };
  });
}

it("postgres is configured or explicitly absent", () => {
  expect(pgUrl === null || pgUrl.startsWith("postgres://")).toBe(true);
});

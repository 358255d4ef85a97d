import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { AUSTIN_CENTER, generateProperties } from "../../scripts/lib/property-generator";
import { call, expectProblem, json, signup } from "../../tests/api";
import { insertD1Properties } from "../scans/catalog/d1";
import { pointInPolygon, type Position } from "../scans/geo";
import { defaultPrice } from "../wallet/pricing";
import { setPrices } from "../wallet/prices";

const SAMPLE = generateProperties({ count: 800, seed: 11 });
const [LNG, LAT] = AUSTIN_CENTER;
const ring: Position[] = [
  [LNG - 0.006, LAT - 0.004],
  [LNG + 0.006, LAT - 0.004],
  [LNG + 0.006, LAT + 0.005],
  [LNG - 0.006, LAT + 0.005],
  [LNG - 0.006, LAT - 0.004],
];
const polygon = { type: "Polygon", coordinates: [ring] };
const inside = SAMPLE.filter((p) => pointInPolygon([p.lng, p.lat], { type: "Polygon", coordinates: [ring] })).length;
const estimate = (token: string, body: unknown) => call("POST", "/api/v1/scans/estimate", { token, body });

describe("POST /api/v1/scans/estimate", () => {
  beforeAll(() => insertD1Properties(env.DB, SAMPLE));

  it("counts the catalog properties in the polygon and prices them at the workspace's scan price", async () => {
    expect(inside).toBeGreaterThan(20);
    const owner = await signup();
    const response = await estimate(owner.token, { polygon });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      properties: inside,
      credits: inside * defaultPrice("scan"),
      creditsPerProperty: defaultPrice("scan"),
    });
    await setPrices(env, owner.tenantId, { scan: 3 }, null);
    expect(await json(await estimate(owner.token, { polygon }))).toMatchObject({
      properties: inside,
      credits: inside * 3,
      creditsPerProperty: 3,
    });
  });

  it("says what is wrong with a bad polygon", async () => {
    const owner = await signup();
    const open = await expectProblem(await estimate(owner.token, { polygon: { type: "Polygon", coordinates: [ring.slice(0, -1)] } }), 422);
    expect(open).toMatchObject({ code: "not_closed" });
    expect(open.detail).toMatch(/not closed/);
    const bowtie = [
      [LNG, LAT],
      [LNG + 0.01, LAT + 0.01],
      [LNG + 0.01, LAT],
      [LNG, LAT + 0.01],
      [LNG, LAT],
    ];
    expect(await expectProblem(await estimate(owner.token, { polygon: { type: "Polygon", coordinates: [bowtie] } }), 422)).toMatchObject({
      code: "self_intersecting",
    });
    const huge = [
      [LNG - 0.1, LAT - 0.1],
      [LNG + 0.1, LAT - 0.1],
      [LNG + 0.1, LAT + 0.1],
      [LNG - 0.1, LAT - 0.1],
    ];
    expect(await expectProblem(await estimate(owner.token, { polygon: { type: "Polygon", coordinates: [huge] } }), 422)).toMatchObject({
      code: "too_large",
      maxAreaKm2: 5,
    });
    await expectProblem(await estimate(owner.token, { polygon, extra: 1 }), 400);
  });

  it("needs a signed-in user", async () => {
    expect((await call("POST", "/api/v1/scans/estimate", { body: { polygon } })).status).toBe(401);
  });
});

describe("GET /api/v1/scans/catalog", () => {
  beforeAll(() => insertD1Properties(env.DB, SAMPLE));
  const view = (token: string, bbox: string) => call("GET", `/api/v1/scans/catalog?bbox=${bbox}`, { token });

  it("returns the footprints of the buildings in the view, so the map shows where the roofs are", async () => {
    const owner = await signup();
    const response = await view(owner.token, `${LNG - 0.006},${LAT - 0.004},${LNG + 0.006},${LAT + 0.005}`);
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ type: "FeatureCollection", truncated: false });
    expect(body.features).toHaveLength(inside);
    expect(body.features[0]).toMatchObject({
      type: "Feature",
      geometry: { type: "Polygon" },
      properties: { id: expect.stringMatching(/^sample-austin-/) },
    });
  });

  it("refuses a view that is not a rectangle or is too large to draw", async () => {
    const owner = await signup();
    expect(await expectProblem(await view(owner.token, `${LNG + 0.01},${LAT},${LNG},${LAT + 0.01}`), 422)).toMatchObject({
      code: "invalid_bbox",
    });
    expect(await expectProblem(await view(owner.token, `${LNG - 0.2},${LAT - 0.2},${LNG + 0.2},${LAT + 0.2}`), 422)).toMatchObject({
      code: "view_too_large",
    });
    await expectProblem(await view(owner.token, "1,2,3"), 400);
  });
});

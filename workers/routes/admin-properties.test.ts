import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, signup } from "../../tests/api";
import { d1Catalog } from "../scans/catalog/d1";
import type { Position } from "../scans/geo";

const OPS = "test-ops-token";
const square = (x: number, y: number, size = 0.0002): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
// Far from the sample neighbourhood, so only this test's buildings are there.
const AREA = {
  type: "Polygon" as const,
  coordinates: [
    [
      [10, 50],
      [10.01, 50],
      [10.01, 50.01],
      [10, 50.01],
      [10, 50],
    ] as Position[],
  ],
};
const building = (id: string, x: number, properties: Record<string, unknown> = {}) => ({
  type: "Feature",
  id,
  geometry: { type: "Polygon", coordinates: [square(10 + x, 50.002)] },
  properties,
});
const file = (features: unknown[]) => ({ type: "FeatureCollection", attribution: "© OpenStreetMap contributors (ODbL)", features });

const importFile = (body: unknown, query = "", token = OPS) =>
  call("POST", `/api/v1/admin/properties/import${query}`, {
    token,
    raw: JSON.stringify(body),
    headers: { "Content-Type": "application/geo+json" },
  });

describe("integration: POST /api/v1/admin/properties/import", () => {
  it("adds the footprints to the catalog, where scans find them, and is idempotent", async () => {
    const body = file([
      building("way/1", 0.001, { "addr:housenumber": "1", "addr:street": "Test St", start_date: "1971" }),
      building("way/2", 0.003),
    ]);
    const first = await importFile(body, "?source=osm-test");
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({
      imported: 2,
      existing: 0,
      skipped: 0,
      errors: [],
      duplicates: [],
      attribution: "© OpenStreetMap contributors (ODbL)",
    });

    const found = await d1Catalog(env.DB).propertiesInPolygon(AREA);
    expect(found.map((p) => p.id)).toEqual(["osm-test:way/1", "osm-test:way/2"]);
    expect(found[0]).toMatchObject({ address: "1 Test St", yearBuilt: 1971, lat: 50.0021, lng: 10.0011 });
    const audit = await env.DB.prepare("SELECT data FROM audit_log WHERE action = 'properties.imported' AND target = 'osm-test'").first<{
      data: string;
    }>();
    expect(JSON.parse(audit!.data)).toMatchObject({ imported: 2, attribution: "© OpenStreetMap contributors (ODbL)" });

    expect(await json(await importFile(body, "?source=osm-test"))).toMatchObject({ imported: 0, existing: 2 });
  });

  it("imports nothing when a feature is invalid, unless asked to skip invalid ones", async () => {
    const body = file([
      building("ok", 0.005),
      { type: "Feature", geometry: { type: "Point", coordinates: [10, 50] }, properties: {} },
      building("ok", 0.006),
    ]);
    const refused = await expectProblem(await importFile(body, "?source=mixed"), 422);
    expect(refused.errors).toEqual([{ index: 1, message: "has a Point geometry; footprints are Polygon or MultiPolygon" }]);
    expect(await d1Catalog(env.DB).propertiesByIds(["mixed:ok"])).toEqual([]);

    const skipped = await json(await importFile(body, "?source=mixed&mode=skip-invalid"));
    expect(skipped).toMatchObject({ imported: 1, skipped: 2, duplicates: [{ index: 2, id: "mixed:ok", firstIndex: 0 }] });
  });

  it("answers bad documents and callers with problems", async () => {
    expect((await expectProblem(await importFile({ type: "Feature" }), 422)).code).toBe("not_feature_collection");
    await expectProblem(
      await call("POST", "/api/v1/admin/properties/import", {
        token: OPS,
        raw: "{not json",
        headers: { "Content-Type": "application/geo+json" },
      }),
      400,
    );
    await expectProblem(
      await call("POST", "/api/v1/admin/properties/import", { token: OPS, raw: "a,b", headers: { "Content-Type": "text/csv" } }),
      415,
    );
    await expectProblem(await importFile(file([]), "?source=Bad Source!"), 400);
    await expectProblem(
      await call("POST", "/api/v1/admin/properties/import", {
        raw: JSON.stringify(file([])),
        headers: { "Content-Type": "application/geo+json" },
      }),
      401,
    );
    await expectProblem(await importFile(file([]), "", (await signup()).token), 403);
  });
});

import { describe, expect, it } from "vitest";
import type { Position } from "../geo";
import { MAX_FEATURES, parseFootprints } from "./import-geojson";

const square = (x: number, y: number, size = 0.0002): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const feature = (geometry: unknown, properties: Record<string, unknown> = {}, id?: string | number) => ({
  type: "Feature",
  ...(id === undefined ? {} : { id }),
  geometry,
  properties,
});
const polygon = (x: number, y: number) => ({ type: "Polygon", coordinates: [square(x, y)] });
const collection = (features: unknown[], extra: Record<string, unknown> = {}) => ({ type: "FeatureCollection", features, ...extra });

describe("parseFootprints", () => {
  it("turns a footprint and its attributes into a property at the footprint's centroid", async () => {
    const osm = feature(
      polygon(-97.7431, 30.2672),
      {
        "addr:housenumber": "12",
        "addr:street": "Sample Oak Ln",
        "addr:city": "Austin",
        "addr:postcode": "78701",
        start_date: "1987-05",
        "roof:material": "metal",
      },
      "way/42",
    );
    const { properties, errors, attribution } = await parseFootprints(
      collection([osm], { attribution: "© OpenStreetMap contributors, ODbL" }),
      "osm",
    );
    expect(errors).toEqual([]);
    expect(attribution).toBe("© OpenStreetMap contributors, ODbL");
    expect(properties).toEqual([
      {
        id: "osm:way/42",
        lat: 30.2673,
        lng: -97.743,
        footprint: polygon(-97.7431, 30.2672),
        yearBuilt: 1987,
        roofMaterial: "metal",
        value: null,
        ownerOccupied: null,
        ownerName: null,
        address: "12 Sample Oak Ln, Austin",
        postcode: "78701",
      },
    ]);
  });

  it("reads the catalog's own attribute names, and names a footprint without an address by its position", async () => {
    const [withAttrs, bare] = (
      await parseFootprints(
        collection([
          feature(polygon(-97.75, 30.27), {
            id: "b-1",
            address: "9 Example Mesa Dr, Austin, TX",
            yearBuilt: 1962,
            roofMaterial: "slate",
            value: "$412,000",
            ownerOccupied: "yes",
            ownerName: "Avery Notreal (fictitious)",
            postcode: 78704,
          }),
          feature(polygon(-97.76, 30.28)),
        ]),
        "county",
      )
    ).properties;
    expect(withAttrs).toMatchObject({
      id: "county:b-1",
      address: "9 Example Mesa Dr, Austin, TX",
      yearBuilt: 1962,
      roofMaterial: "slate",
      value: 412_000,
      ownerOccupied: true,
      ownerName: "Avery Notreal (fictitious)",
      postcode: "78704",
    });
    expect(bare!.address).toBe("30.28010, -97.75990");
    expect(bare!.yearBuilt).toBeNull();
  });

  it("gives a feature without an id a stable id from its geometry", async () => {
    const once = await parseFootprints(collection([feature(polygon(-97.75, 30.27))]), "ms");
    const again = await parseFootprints(collection([feature(polygon(-97.75, 30.27), { height: 7 })]), "ms");
    const elsewhere = await parseFootprints(collection([feature(polygon(-97.751, 30.27))]), "ms");
    expect(once.properties[0]!.id).toMatch(/^ms:geom-[0-9a-f]{24}$/);
    expect(again.properties[0]!.id).toBe(once.properties[0]!.id);
    expect(elsewhere.properties[0]!.id).not.toBe(once.properties[0]!.id);
  });

  it("keeps a MultiPolygon's largest part as the footprint and centres the point on all parts", async () => {
    const big = square(0, 0, 0.002);
    const small = square(0.01, 0, 0.001);
    const [property] = (await parseFootprints(collection([feature({ type: "MultiPolygon", coordinates: [[small], [big]] }, {}, 7)]), "f"))
      .properties;
    expect(property!.footprint).toEqual({ type: "Polygon", coordinates: [big] });
    // (4 · 0.001 + 1 · 0.0105) / 5
    expect(property!.lng).toBeCloseTo(0.0029, 7);
  });

  it("drops elevations from 3D positions", async () => {
    const ring = square(1, 1).map(([x, y]) => [x, y, 12]);
    const [property] = (await parseFootprints(collection([feature({ type: "Polygon", coordinates: [ring] }, {}, 1)]), "f")).properties;
    expect(property!.footprint.coordinates[0]).toEqual(square(1, 1));
  });

  it("reports each bad feature by index and imports the rest", async () => {
    const { properties, errors } = await parseFootprints(
      collection([
        feature(polygon(1, 1), {}, "ok"),
        feature({ type: "Point", coordinates: [1, 1] }),
        feature({
          type: "Polygon",
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        }),
        feature({
          type: "Polygon",
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [1, 0],
              [0, 1],
              [0, 0],
            ],
          ],
        }),
        feature({
          type: "MultiPolygon",
          coordinates: [
            [square(0, 0)],
            [
              [
                [0, 0],
                [0, 0],
                [0, 0],
                [0, 0],
              ],
            ],
          ],
        }),
        feature(null),
        { type: "Nope" },
      ]),
      "f",
    );
    expect(properties.map((p) => p.id)).toEqual(["f:ok"]);
    expect(errors).toEqual([
      { index: 1, message: "has a Point geometry; footprints are Polygon or MultiPolygon" },
      { index: 2, message: "the outer ring is not closed" },
      { index: 3, message: "the outer ring intersects itself" },
      { index: 4, message: "part 2: the outer ring has no area" },
      { index: 5, message: "has no geometry" },
      { index: 6, message: "is not a GeoJSON Feature" },
    ]);
  });

  it("reports duplicates (same id, or same geometry without ids) and keeps the first", async () => {
    const { properties, duplicates } = await parseFootprints(
      collection([
        feature(polygon(1, 1), { roofMaterial: "metal" }, "a"),
        feature(polygon(2, 2), {}, "a"),
        feature(polygon(3, 3)),
        feature(polygon(3, 3)),
      ]),
      "f",
    );
    expect(properties).toHaveLength(2);
    expect(properties[0]).toMatchObject({ id: "f:a", roofMaterial: "metal" });
    expect(duplicates).toEqual([
      { index: 1, id: "f:a", firstIndex: 0 },
      { index: 3, id: properties[1]!.id, firstIndex: 2 },
    ]);
  });

  it("refuses a document that is not a FeatureCollection, or too large", async () => {
    await expect(parseFootprints({ type: "Feature" }, "f")).rejects.toMatchObject({
      status: 422,
      extra: { code: "not_feature_collection" },
    });
    await expect(parseFootprints(collection(new Array(MAX_FEATURES + 1).fill(null)), "f")).rejects.toMatchObject({
      status: 422,
      extra: { code: "too_many_features" },
    });
  });
});

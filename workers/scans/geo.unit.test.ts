import { describe, expect, it } from "vitest";
import { bboxAround, distanceMetres, pointInPolygon, pointInRing, ringAreaKm2, selfIntersection, type Position } from "./geo";

const square: Position[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

describe("geo", () => {
  it("ray casting finds points inside, outside and in holes", () => {
    expect(pointInRing([0.5, 0.5], square)).toBe(true);
    expect(pointInRing([1.5, 0.5], square)).toBe(false);
    expect(pointInRing([-0.1, 0.5], square)).toBe(false);
    const concave: Position[] = [
      [0, 0],
      [4, 0],
      [4, 4],
      [2, 1],
      [0, 4],
      [0, 0],
    ];
    expect(pointInRing([2, 3], concave)).toBe(false);
    expect(pointInRing([1, 1], concave)).toBe(true);
    const withHole = {
      type: "Polygon" as const,
      coordinates: [
        square,
        [
          [0.4, 0.4],
          [0.6, 0.4],
          [0.6, 0.6],
          [0.4, 0.6],
          [0.4, 0.4],
        ] as Position[],
      ],
    };
    expect(pointInPolygon([0.5, 0.5], withHole)).toBe(false);
    expect(pointInPolygon([0.2, 0.2], withHole)).toBe(true);
  });

  it("measures distance and area on the sphere", () => {
    expect(distanceMetres([-97.7431, 30.2672], [-97.7431, 30.2762])).toBeCloseTo(1000.8, 0);
    const km: Position[] = [
      [-97.75, 30.26],
      [-97.75 + 0.010_385, 30.26],
      [-97.75 + 0.010_385, 30.268_993],
      [-97.75, 30.268_993],
      [-97.75, 30.26],
    ];
    expect(ringAreaKm2(km)).toBeGreaterThan(0.99);
    expect(ringAreaKm2(km)).toBeLessThan(1.01);
    const box = bboxAround([-97.7431, 30.2672], 500);
    expect(distanceMetres([-97.7431, 30.2672], [-97.7431, box.maxLat])).toBeGreaterThan(500);
    expect(distanceMetres([-97.7431, 30.2672], [box.maxLng, 30.2672])).toBeGreaterThan(500);
  });

  it("finds crossing edges and accepts simple rings", () => {
    expect(selfIntersection(square)).toBeUndefined();
    const bowtie: Position[] = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    expect(selfIntersection(bowtie)).toEqual([0, 2]);
  });
});

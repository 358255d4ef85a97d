import { describe, expect, it } from "vitest";
import type { PolygonGeometry, Position } from "../geo";
import { centroidOf, largestPart, polygonFault } from "./footprint";

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const polygon = (...rings: Position[][]): PolygonGeometry => ({ type: "Polygon", coordinates: rings });

describe("polygonFault", () => {
  it("accepts a closed simple ring, with or without holes", () => {
    expect(polygonFault([square(-97.74, 30.26, 0.001)])).toBeNull();
    expect(polygonFault([square(-97.74, 30.26, 0.001), square(-97.7398, 30.2602, 0.0002)])).toBeNull();
  });

  it("names what is wrong", () => {
    expect(polygonFault([])).toBe("a polygon needs at least one ring");
    expect(
      polygonFault([
        [
          [0, 0],
          [1, 0],
          [0, 0],
        ],
      ]),
    ).toBe("the outer ring has fewer than 4 positions");
    expect(
      polygonFault([
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ]),
    ).toBe("the outer ring is not closed");
    expect(
      polygonFault([
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ]),
    ).toBe("the outer ring intersects itself");
    expect(
      polygonFault([
        [
          [0, 0],
          [1, 1],
          [2, 2],
          [0, 0],
        ],
      ]),
    ).toBe("the outer ring has no area");
    expect(
      polygonFault([
        [
          [0, 0],
          [200, 0],
          [1, 1],
          [0, 0],
        ],
      ]),
    ).toBe("the outer ring has a position that is not [longitude, latitude]");
    expect(
      polygonFault([
        square(0, 0, 1),
        [
          [0.2, 0.2],
          [0.4, 0.2],
          [0.2, 0.2],
        ],
      ]),
    ).toBe("hole 1 has fewer than 4 positions");
  });
});

describe("centroidOf", () => {
  it("is the middle of a square, wherever it is", () => {
    const [lng, lat] = centroidOf([polygon(square(-97.7431, 30.2672, 0.0002))]);
    expect(lng).toBeCloseTo(-97.743, 9);
    expect(lat).toBeCloseTo(30.2673, 9);
  });

  it("weights parts by area and subtracts holes", () => {
    // A 2×2 square at x 0..2 and a 1×1 at x 10..11: (4·1 + 1·10.5) / 5 = 2.9.
    expect(centroidOf([polygon(square(0, 0, 2)), polygon(square(10, 0, 1))])[0]).toBeCloseTo(2.9, 9);
    // A 4×4 square with a 2×2 hole in its left half moves right: (16·2 − 4·1) / 12.
    expect(centroidOf([polygon(square(0, 0, 4), square(0, 1, 2))])[0]).toBeCloseTo(28 / 12, 9);
  });

  it("keeps the largest part of a multi-part building", () => {
    const big = polygon(square(5, 5, 3));
    expect(largestPart([polygon(square(0, 0, 1)), big, polygon(square(9, 9, 2))])).toBe(big);
  });
});

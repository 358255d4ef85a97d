import { describe, expect, it } from "vitest";
import { Problem } from "../http/problem";
import type { Position } from "./geo";
import { maxAreaKm2, validateScanPolygon } from "./polygon";

const ring = (...points: Position[]) => ({ type: "Polygon", coordinates: [points] });
const small = ring([-97.745, 30.265], [-97.74, 30.265], [-97.74, 30.27], [-97.745, 30.27], [-97.745, 30.265]);

function codeOf(input: unknown, max = 5): string {
  try {
    validateScanPolygon(input, max);
  } catch (error) {
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).status).toBe(422);
    return (error as Problem).extra.code as string;
  }
  return "valid";
}

describe("scan polygon validation", () => {
  it("accepts a small closed simple polygon and drops altitudes", () => {
    expect(validateScanPolygon(small, 5).coordinates[0]).toHaveLength(5);
    expect(
      validateScanPolygon(ring([-97.745, 30.265, 100] as unknown as Position, [-97.74, 30.265], [-97.74, 30.27], [-97.745, 30.265]), 5)
        .coordinates[0]![0],
    ).toEqual([-97.745, 30.265]);
  });

  it("names what is wrong", () => {
    expect(codeOf({ type: "Point", coordinates: [0, 0] })).toBe("not_polygon");
    expect(codeOf(null)).toBe("not_polygon");
    expect(codeOf({ type: "Polygon", coordinates: [] })).toBe("no_coordinates");
    expect(codeOf({ type: "Polygon", coordinates: [small.coordinates[0], small.coordinates[0]] })).toBe("holes");
    expect(codeOf(ring([-97.745, 30.265], [200, 30.265] as Position, [-97.74, 30.27], [-97.745, 30.265]))).toBe("bad_position");
    expect(codeOf(ring([-97.745, 30.265], [-97.74, 30.265], [-97.745, 30.265]))).toBe("too_few_vertices");
    expect(codeOf(ring([-97.745, 30.265], [-97.74, 30.265], [-97.74, 30.27], [-97.745, 30.27]))).toBe("not_closed");
    expect(codeOf(ring([-97.745, 30.265], [-97.74, 30.27], [-97.74, 30.265], [-97.745, 30.27], [-97.745, 30.265]))).toBe(
      "self_intersecting",
    );
    expect(codeOf(ring([-97.745, 30.265], [-97.74, 30.265], [-97.73, 30.265], [-97.745, 30.265]))).toBe("empty");
    expect(codeOf(ring([-97.8, 30.2], [-97.7, 30.2], [-97.7, 30.3], [-97.8, 30.3], [-97.8, 30.2]))).toBe("too_large");
    expect(codeOf(small, 0.1)).toBe("too_large");
  });

  it("caps vertices at 500", () => {
    const circle = (n: number) => {
      const points = Array.from(
        { length: n },
        (_, i) => [-97.74 + 0.005 * Math.cos((2 * Math.PI * i) / n), 30.27 + 0.005 * Math.sin((2 * Math.PI * i) / n)] as Position,
      );
      return ring(...points, points[0]!);
    };
    expect(codeOf(circle(500))).toBe("valid");
    expect(codeOf(circle(501))).toBe("too_many_vertices");
  });

  it("reads the maximum area from the setting", () => {
    expect(maxAreaKm2(undefined)).toBe(5);
    expect(maxAreaKm2("12.5")).toBe(12.5);
    expect(maxAreaKm2("nope")).toBe(5);
    expect(maxAreaKm2("-1")).toBe(5);
  });
});

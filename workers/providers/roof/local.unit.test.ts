import { describe, expect, it } from "vitest";
import { generateProperties } from "../../../scripts/lib/property-generator";
import { LocalRoofHeuristic } from "./local";

const [SAMPLE] = generateProperties({ count: 1, seed: 5 });
const NOW = () => Date.UTC(2026, 5, 1);

describe("LocalRoofHeuristic", () => {
  const heuristic = new LocalRoofHeuristic(NOW);

  it("is deterministic and labelled as a heuristic", async () => {
    const a = await heuristic.analyze(SAMPLE!);
    expect(await heuristic.analyze(SAMPLE!)).toEqual(a);
    expect(a).toMatchObject({ source: "local-heuristic", imageryDate: null, imageryQuality: null, confidence: 0.35 });
    expect(a.areaM2).toBeGreaterThan(0);
    expect(a.segments.reduce((sum, s) => sum + s.areaM2, 0)).toBeCloseTo(a.areaM2, 0);
  });

  it("an old shingle roof is in worse shape than a new metal one, and shows wear", async () => {
    const old = await heuristic.analyze({ ...SAMPLE!, yearBuilt: 1990, roofMaterial: "asphalt shingle" });
    const fresh = await heuristic.analyze({ ...SAMPLE!, yearBuilt: 2021, roofMaterial: "metal" });
    expect(old.condition!).toBeLessThan(20);
    expect(old.damage.length).toBeGreaterThan(0);
    expect(fresh.condition!).toBeGreaterThan(80);
    expect(fresh.damage).toEqual([]);
  });

  it("a flat membrane roof is one low-pitch plane", async () => {
    const flat = await heuristic.analyze({ ...SAMPLE!, roofMaterial: "flat membrane" });
    expect(flat.segments).toHaveLength(1);
    expect(flat.segments[0]!.pitchDegrees).toBe(2);
  });
});

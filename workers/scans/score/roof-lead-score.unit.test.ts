import { describe, expect, it } from "vitest";
import type { Enrichment } from "../../providers/enrichment/provider";
import type { RoofAnalysis } from "../../providers/roof/provider";
import type { Property } from "../catalog/catalog";
import { scoreRoofLead } from "./roof-lead-score";
import { WEIGHTS } from "./weights";

const NOW = Date.UTC(2026, 5, 1);
const property = (roofMaterial: string, yearBuilt: number): Property => ({
  id: "p",
  lat: 30.27,
  lng: -97.74,
  footprint: { type: "Polygon", coordinates: [] },
  yearBuilt,
  roofMaterial,
  value: 450_000,
  ownerOccupied: true,
  ownerName: null,
  address: "1 Test St, Austin, TX",
  postcode: null,
});
const roof = (over: Partial<RoofAnalysis> = {}): RoofAnalysis => ({
  source: "test",
  segments: [],
  areaM2: 200,
  imageryDate: null,
  imageryQuality: null,
  condition: null,
  damage: [],
  confidence: null,
  ...over,
});
const enrichment = (over: Partial<Enrichment> = {}): Enrichment => ({
  source: "test",
  yearBuilt: 1990,
  assessedValue: 450_000,
  ownerOccupied: true,
  ownerName: null,
  phone: null,
  email: null,
  stormEvents: 0,
  ...over,
});
const points = (score: ReturnType<typeof scoreRoofLead>) => Object.fromEntries(score.factors.map((f) => [f.factor, f.points]));

describe("scoreRoofLead", () => {
  it("weights add up to 100", () => {
    expect(Object.values(WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it("an old, worn shingle roof hit by hail on an owner-occupied home is hot", () => {
    const score = scoreRoofLead(
      {
        property: property("asphalt shingle", 1990),
        roof: roof({ condition: 15, damage: ["missing shingles"] }),
        enrichment: enrichment({ stormEvents: 2 }),
      },
      NOW,
    );
    expect(points(score)).toEqual({
      roof_age: 25,
      roof_condition: 21.3,
      storm_exposure: 15,
      owner_occupied: 15,
      property_value: 4.6,
      imagery_freshness: 0,
    });
    expect(score).toMatchObject({ total: 81, hot: true });
    expect(score.factors.find((f) => f.factor === "roof_age")).toEqual({
      factor: "roof_age",
      label: "Roof age",
      value: "36 years (22-year asphalt shingle)",
      weight: 25,
      points: 25,
    });
    expect(score.factors.find((f) => f.factor === "roof_condition")!.value).toBe("15/100: missing shingles");
    expect(score.factors.find((f) => f.factor === "property_value")!.value).toBe("$450,000");
  });

  it("a new metal roof is cold even on an owner-occupied home", () => {
    const score = scoreRoofLead(
      { property: property("metal", 2021), roof: roof({ condition: 92 }), enrichment: enrichment({ yearBuilt: 2021 }) },
      NOW,
    );
    expect(points(score)).toMatchObject({ roof_age: 2.5, roof_condition: 2, storm_exposure: 0, owner_occupied: 15 });
    expect(score).toMatchObject({ total: 24, hot: false });
  });

  it("fresh imagery earns the freshness points, five-year-old imagery none", () => {
    const scored = (imageryDate: string) =>
      scoreRoofLead({ property: property("slate", 2000), roof: roof({ imageryDate }), enrichment: enrichment() }, NOW).factors.find(
        (f) => f.factor === "imagery_freshness",
      )!;
    expect(scored("2025-09-01")).toMatchObject({ points: 10, value: "2025-09-01 (0.7 years old)" });
    expect(scored("2023-06-01").points).toBe(5);
    expect(scored("2021-01-01").points).toBe(0);
  });

  it("unknowns earn nothing and say so; one storm day earns half", () => {
    const score = scoreRoofLead(
      {
        property: property("metal", 2000),
        roof: null,
        enrichment: enrichment({ yearBuilt: null, assessedValue: null, ownerOccupied: null, stormEvents: 1 }),
      },
      NOW,
    );
    expect(score.factors.map((f) => [f.factor, f.value, f.points])).toEqual([
      ["roof_age", "unknown", 0],
      ["roof_condition", "not assessed", 0],
      ["storm_exposure", "1 storm day", 7.5],
      ["owner_occupied", "unknown", 0],
      ["property_value", "unknown", 0],
      ["imagery_freshness", "unknown", 0],
    ]);
    expect(score.total).toBe(8);
  });
});

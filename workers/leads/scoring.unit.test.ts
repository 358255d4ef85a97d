import { describe, expect, it } from "vitest";
import { HOT_THRESHOLD, scoreLead, type ScoreInput } from "./scoring";

const empty: ScoreInput = {
  phone: null,
  email: null,
  address: null,
  postcode: null,
  lat: null,
  lng: null,
  trade: null,
  description: null,
  source: "import",
  status: "new",
};

describe("unit: lead scoring", () => {
  it("scores a bare imported lead by its source only", () => {
    const result = scoreLead(empty);
    expect(result.score).toBe(4);
    expect(result.hot).toBe(false);
    expect(result.factors.map((f) => f.key)).toEqual([
      "phone",
      "email",
      "address",
      "postcode",
      "coordinates",
      "trade",
      "detail",
      "urgency",
      "source",
      "progress",
    ]);
  });

  it("explains every point: the score is the sum of the factors' points, each within its weight", () => {
    const result = scoreLead({
      ...empty,
      phone: "+15125550100",
      email: "a@b.co",
      trade: "plumbing",
      description: "Kitchen tap drips a bit",
      source: "web",
      status: "qualified",
    });
    const sum = result.factors.reduce((s, f) => s + f.points, 0);
    expect(result.score).toBe(sum);
    expect(sum).toBe(15 + 5 + 10 + 3 + 10 + 10);
    for (const f of result.factors) expect(f.points).toBeLessThanOrEqual(f.weight);
  });

  it("urgent words make an open lead hot and add 20 points", () => {
    const calm = scoreLead({ ...empty, description: "Would like a quote for gutters" });
    const urgent = scoreLead({ ...empty, description: "Water is pouring through my ceiling" });
    expect(urgent.score - calm.score).toBe(20);
    expect(urgent.hot).toBe(true);
    expect(urgent.factors.find((f) => f.key === "urgency")?.detail).toContain("pouring");
  });

  it("caps at 100 and marks complete, high-intent leads hot", () => {
    const full = scoreLead({
      phone: "+15125550100",
      email: "a@b.co",
      address: "1 Main St",
      postcode: "78701",
      lat: 30.26,
      lng: -97.74,
      trade: "roofing",
      description: "Storm damage: shingles blown off and water leaking into the attic, need someone tonight please",
      source: "voice",
      status: "booked",
    });
    expect(full.score).toBe(100);
    expect(full.score).toBeGreaterThanOrEqual(HOT_THRESHOLD);
    expect(full.hot).toBe(true);
  });

  it("a lost lead scores 0 and is never hot; a won lead is not hot", () => {
    expect(scoreLead({ ...empty, description: "emergency leak", status: "lost" })).toMatchObject({ score: 0, hot: false });
    expect(scoreLead({ ...empty, description: "emergency leak", status: "won" }).hot).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { pickReason, rankCandidates } from "./rank";
import { eligibility } from "./eligibility";
import { coverage, distanceKm } from "./areas";
import type { ProProfile } from "../pros/repository";

const candidate = (id: string, activeJobs: number, lastAssignedAt: number | null) => ({
  pro: { id, name: id, jobCap: 3, lastAssignedAt },
  activeJobs,
  area: "covers 78704",
  firstSlot: 0,
});

const profile = (
  overrides: Partial<ProProfile["pro"]> = {},
  areas: ProProfile["areas"] = [{ kind: "postcode", value: "787" }],
): ProProfile => ({
  pro: {
    id: "pro_1",
    tenantId: "ten",
    name: "Pat",
    phone: "+15125550101",
    trades: ["plumbing"],
    timeZone: "America/Chicago",
    active: true,
    jobCap: 3,
    baseLat: 30.27,
    baseLng: -97.74,
    radiusKm: 10,
    slotMinutes: 60,
    bufferMinutes: 30,
    minNoticeMinutes: 60,
    lastAssignedAt: null,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  },
  areas,
  schedule: { timeZone: "America/Chicago", weekly: [], overrides: [], slotMinutes: 60, bufferMinutes: 30, minNoticeMinutes: 60 },
});

describe("unit: matching rules", () => {
  it("ranks by fewest active jobs, then longest since the last assignment (never = longest)", () => {
    const ranked = rankCandidates([
      candidate("busy", 2, 0),
      candidate("recent", 0, 5000),
      candidate("waiting", 0, 1000),
      candidate("never", 0, null),
    ]);
    expect(ranked.map((c) => c.pro.id)).toEqual(["never", "waiting", "recent", "busy"]);
    expect(pickReason(ranked[0]!, "plumbing", 3, 10_000)).toBe(
      "Serves plumbing, covers 78704; 0 of 3 active jobs; never assigned before; fewest active jobs among 4 eligible pros.",
    );
  });

  it("eligibility: trade, area (postcode prefix, city, radius), cap, active flag", () => {
    const job = { trade: "plumbing", postcode: "78704" };
    expect(eligibility(profile(), job, 0)).toEqual({ eligible: true, area: "covers postcode 787" });
    expect(eligibility(profile(), { ...job, trade: "roofing" }, 0)).toEqual({ eligible: false, why: "does not do roofing" });
    expect(eligibility(profile(), { trade: "plumbing", postcode: "10001" }, 0)).toEqual({ eligible: false, why: "outside their area" });
    expect(eligibility(profile(), job, 3)).toEqual({ eligible: false, why: "at capacity (3 of 3 active jobs)" });
    expect(eligibility(profile({ active: false }), job, 0)).toMatchObject({ eligible: false, why: "inactive" });
    expect(eligibility(profile({}, [{ kind: "city", value: "austin" }]), { trade: "plumbing", city: "Austin" }, 0)).toEqual({
      eligible: true,
      area: "covers Austin",
    });
    expect(eligibility(profile({}, []), { trade: "plumbing", lat: 30.3, lng: -97.75 }, 0)).toMatchObject({
      eligible: true,
      area: expect.stringContaining("km from base"),
    });
    expect(eligibility(profile({ trades: ["handyman"] }), { ...job, trade: "other" }, 0).eligible).toBe(true);
  });

  it("UK outward codes cover full postcodes; distance is great-circle", () => {
    expect(coverage([{ kind: "postcode", value: "NW3" }], { baseLat: null, baseLng: null, radiusKm: null }, { postcode: "nw3 4ab" })).toBe(
      "covers postcode NW3",
    );
    expect(distanceKm(51.5074, -0.1278, 48.8566, 2.3522)).toBeCloseTo(343.5, 0);
  });
});

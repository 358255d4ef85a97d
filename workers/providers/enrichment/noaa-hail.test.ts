import { describe, expect, inject, it } from "vitest";
import type { Property } from "../../scans/catalog/catalog";
import { NoaaHailHistory, swdiWindows } from "./noaa-hail";

const at = (lng: number, lat: number): Property => ({
  id: "p1",
  lat,
  lng,
  footprint: { type: "Polygon", coordinates: [] },
  yearBuilt: null,
  roofMaterial: null,
  value: null,
  ownerOccupied: null,
  ownerName: null,
  address: "1 Test St, Austin, TX",
  postcode: null,
});
// The fake's hail fell around here (tests/fakes/property-data.ts).
const HAIL = { lng: -97.7, lat: 30.3 };

describe("NoaaHailHistory (contract fake)", () => {
  const noaa = () => new NoaaHailHistory(inject("propertyDataUrl"));

  it("splits 24 months into SWDI's ≤ 31-day windows without gaps", () => {
    const windows = swdiWindows(Date.UTC(2026, 5, 30));
    expect(windows[0]).toEqual(["20260531", "20260630"]);
    expect(windows.at(-1)![0]).toBe("20240701");
    expect(windows.length).toBe(24);
  });

  it("counts distinct days of damaging hail within 2 km over 24 months", async () => {
    // Two storm days nearby; the pea-sized hail, the storm 2.9 km away and the old one do not count.
    expect(await noaa().stormEvents(at(HAIL.lng, HAIL.lat))).toBe(2);
    expect(await noaa().stormEvents(at(HAIL.lng + 0.1, HAIL.lat))).toBe(0);
  });

  it("an outage or an answer without a result list is an error", async () => {
    await expect(noaa().stormEvents(at(-97.7, -85))).rejects.toThrow(/NOAA SWDI 503/);
    await expect(noaa().stormEvents(at(-97.7, 85))).rejects.toThrow(/without a result list/);
  });
});

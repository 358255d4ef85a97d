import { describe, expect, inject, it } from "vitest";
import type { Property } from "../../scans/catalog/catalog";
import { SolarRoofAnalyzer } from "./solar";

const KEY = "AIzaTestKey0123456789";
const at = (lat: number): Property => ({
  id: `p-${lat}`,
  lat,
  lng: -97.7431,
  footprint: { type: "Polygon", coordinates: [] },
  yearBuilt: null,
  roofMaterial: null,
  value: null,
  ownerOccupied: null,
  ownerName: null,
  address: "1 Test St, Austin, TX",
  postcode: null,
});

describe("SolarRoofAnalyzer (contract fake)", () => {
  const solar = () => new SolarRoofAnalyzer(KEY, inject("googleUrl"));

  it("reads segments, roof area, imagery date and quality from building insights", async () => {
    const roof = await solar().analyze(at(30.2672), null);
    expect(roof).toMatchObject({
      source: "google-solar",
      areaM2: 212.4,
      imageryDate: "2022-08-14",
      imageryQuality: "HIGH",
      condition: null,
      damage: [],
      confidence: null,
    });
    expect(roof!.segments).toHaveLength(2);
    expect(roof!.segments[0]).toEqual({ pitchDegrees: expect.any(Number), azimuthDegrees: 178.5, areaM2: 106.2 });
  });

  it("no building near the point (NOT_FOUND) is null", async () => {
    expect(await solar().analyze(at(-85), null)).toBeNull();
  });

  it("a rejected key is a clear error", async () => {
    await expect(new SolarRoofAnalyzer("nope", inject("googleUrl")).analyze(at(30.2672), null)).rejects.toThrow(
      /Google Solar 400: INVALID_ARGUMENT API key not valid/,
    );
  });

  it("insights without roof statistics are an error", async () => {
    await expect(solar().analyze(at(85), null)).rejects.toThrow(/lack solarPotential/);
  });
});

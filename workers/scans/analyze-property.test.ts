import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import type { Property } from "./catalog/catalog";
import { analyzeProperty } from "./analyze-property";

// An old shingle roof on an owner-occupied home under the sample hail swaths.
const HOME: Property = {
  id: "sample-analyze-000001",
  lat: 30.2625,
  lng: -97.755,
  footprint: {
    type: "Polygon",
    coordinates: [
      [
        [-97.75508, 30.26245],
        [-97.75492, 30.26245],
        [-97.75492, 30.26255],
        [-97.75508, 30.26255],
        [-97.75508, 30.26245],
      ],
    ],
  },
  yearBuilt: 1979,
  roofMaterial: "asphalt shingle",
  value: 520_000,
  ownerOccupied: true,
  ownerName: "Rowan Testington (fictitious)",
  address: "812 Demo Bluebonnet Way, Austin, TX",
  postcode: "78704",
};

describe("analyzeProperty", () => {
  it("with local providers: sample tile in R2, heuristic roof, sample enrichment, a hot explainable score", async () => {
    const result = await analyzeProperty(env, HOME);
    expect(result.imageKey).toMatch(/^imagery\/[0-9a-f]{64}\.png$/);
    expect((await env.MEDIA.head(result.imageKey!))?.httpMetadata?.contentType).toBe("image/png");
    expect(result.roof).toMatchObject({ source: "local-heuristic" });
    expect(result.enrichment).toMatchObject({
      source: "sample-attributes+fictitious-contacts+sample-hail-swaths",
      yearBuilt: 1979,
      ownerOccupied: true,
    });
    expect(result.enrichment.stormEvents).toBeGreaterThanOrEqual(2);
    expect(result.score.hot).toBe(true);
    expect(result.score.factors.map((f) => f.factor)).toEqual([
      "roof_age",
      "roof_condition",
      "storm_exposure",
      "owner_occupied",
      "property_value",
      "imagery_freshness",
    ]);
    // The same property again reuses the stored image.
    expect((await analyzeProperty(env, HOME)).imageKey).toBe(result.imageKey);
  });

  it("with the real adapters (contract fakes): Google tile and Solar geometry, ATTOM/BatchData/NOAA enrichment", async () => {
    const keyed = {
      ...env,
      GOOGLE_MAPS_API_KEY: "AIzaTestKey0123456789",
      GOOGLE_MAPS_URL: inject("googleUrl"),
      GOOGLE_SOLAR_URL: inject("googleUrl"),
      ATTOM_API_KEY: "0123456789abcdef0123456789abcdef",
      ATTOM_URL: inject("propertyDataUrl"),
      BATCHDATA_API_KEY: "bdTestToken0123456789abcd",
      BATCHDATA_URL: inject("propertyDataUrl"),
      SCAN_STORMS: "noaa",
      NOAA_SWDI_URL: inject("propertyDataUrl"),
    };
    const result = await analyzeProperty(keyed, { ...HOME, lng: -97.7, lat: 30.3 });
    expect(result.imageKey).toMatch(/^imagery\/[0-9a-f]{64}\.png$/);
    expect(result.roof).toMatchObject({ source: "google-solar", imageryDate: "2022-08-14", condition: null });
    expect(result.enrichment).toMatchObject({
      source: "attom+batchdata+noaa-swdi",
      yearBuilt: 1988,
      phone: "+15125550142",
      stormEvents: 2,
    });
    expect(result.score.factors.find((f) => f.factor === "imagery_freshness")!.value).toMatch(/^2022-08-14/);
  });

  it("no imagery and no building: no image key, no roof, still scored", async () => {
    const keyed = {
      ...env,
      GOOGLE_MAPS_API_KEY: "AIzaTestKey0123456789",
      GOOGLE_MAPS_URL: inject("googleUrl"),
      GOOGLE_SOLAR_URL: inject("googleUrl"),
    };
    const result = await analyzeProperty(keyed, { ...HOME, lat: -85 });
    expect(result).toMatchObject({ imageKey: null, roof: null });
    expect(result.score.factors.find((f) => f.factor === "roof_condition")!.value).toBe("not assessed");
  });

  it("a provider failure throws (the workflow retries the step)", async () => {
    const broken = { ...env, GOOGLE_MAPS_API_KEY: "bad-key", GOOGLE_MAPS_URL: inject("googleUrl") };
    await expect(analyzeProperty(broken, HOME)).rejects.toThrow(/Google Static Maps 403/);
  });
});

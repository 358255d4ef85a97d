import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import type { Property } from "../../scans/catalog/catalog";
import { enrichmentProvider } from ".";
import { addressParts } from "./address";

const home = (over: Partial<Property> = {}): Property => ({
  id: "sample-austin-000042",
  lat: 30.2672,
  lng: -97.7431,
  footprint: { type: "Polygon", coordinates: [] },
  yearBuilt: 1984,
  roofMaterial: "asphalt shingle",
  value: 350_000,
  ownerOccupied: true,
  ownerName: "Quinn Notreal (fictitious)",
  address: "4410 Sample Oak Ln, Austin, TX",
  postcode: "78704",
  ...over,
});

describe("enrichment without keys (sample data)", () => {
  it("uses the catalog's attributes and a clearly fictitious contact for owner-occupied homes", async () => {
    const enrichment = await enrichmentProvider(env).enrich(home());
    expect(enrichment).toMatchObject({
      source: "sample-attributes+fictitious-contacts+sample-hail-swaths",
      yearBuilt: 1984,
      assessedValue: 350_000,
      ownerOccupied: true,
      ownerName: "Quinn Notreal (fictitious)",
      email: "owner-sample-austin-000042@example.com",
    });
    expect(enrichment.phone).toMatch(/^\+151255501\d\d$/);
    expect(await enrichmentProvider(env).enrich(home())).toEqual(enrichment);
    expect(await enrichmentProvider(env).enrich(home({ ownerOccupied: false }))).toMatchObject({ phone: null, email: null });
  });

  it("the sample hail swaths cover part of the area: crossings count more, far away none", async () => {
    const storms = async (lng: number, lat: number) => (await enrichmentProvider(env).enrich(home({ lng, lat }))).stormEvents;
    expect(await storms(-97.755, 30.2625)).toBeGreaterThanOrEqual(2);
    expect(await storms(-97.735, 30.285)).toBe(1);
    expect(await storms(-97.725, 30.252)).toBe(0);
  });
});

describe("enrichment with keys (contract fakes)", () => {
  const keyed = {
    ...env,
    ATTOM_API_KEY: "0123456789abcdef0123456789abcdef",
    ATTOM_URL: inject("propertyDataUrl"),
    BATCHDATA_API_KEY: "bdTestToken0123456789abcd",
    BATCHDATA_URL: inject("propertyDataUrl"),
    SCAN_STORMS: "noaa",
    NOAA_SWDI_URL: inject("propertyDataUrl"),
  };

  it("merges ATTOM details, BatchData contact and NOAA hail", async () => {
    expect(await enrichmentProvider(keyed).enrich(home({ lng: -97.7, lat: 30.3 }))).toEqual({
      source: "attom+batchdata+noaa-swdi",
      yearBuilt: 1988,
      assessedValue: 412_000,
      ownerOccupied: true,
      ownerName: "PAT SAMPLE",
      phone: "+15125550142",
      email: "pat.sample@example.com",
      stormEvents: 2,
    });
  });

  it("falls back to the catalog where ATTOM has no record; a failing source fails the whole", async () => {
    const unknown = await enrichmentProvider(keyed).enrich(home({ address: "0 Nowhere Rd, Austin, TX" }));
    expect(unknown).toMatchObject({ yearBuilt: 1984, assessedValue: 350_000, phone: null, email: null });
    await expect(enrichmentProvider(keyed).enrich(home({ address: "5 Malformed Way, Austin, TX" }))).rejects.toThrow(/ATTOM|BatchData/);
  });

  it("production needs the keys and always asks NOAA", () => {
    expect(() => enrichmentProvider({ ...env, ENVIRONMENT: "production" })).toThrow(/ATTOM_API_KEY/);
    expect(enrichmentProvider({ ...keyed, SCAN_STORMS: undefined, ENVIRONMENT: "production" }).name).toBe("attom+batchdata+noaa-swdi");
  });
});

describe("addressParts", () => {
  it("splits street, city and state, with the postcode as ZIP", () => {
    expect(addressParts(home())).toEqual({ street: "4410 Sample Oak Ln", city: "Austin", state: "TX", zip: "78704" });
    expect(addressParts(home({ address: "1 Main St, Round Rock, TX 78664", postcode: null }))).toEqual({
      street: "1 Main St",
      city: "Round Rock",
      state: "TX",
      zip: "78664",
    });
  });
});

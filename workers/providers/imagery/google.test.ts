import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import type { Property } from "../../scans/catalog/catalog";
import { imageryProvider } from ".";
import { GoogleStaticImagery } from "./google";

const KEY = "AIzaTestKey0123456789";
const at = (lat: number, lng = -97.7431): Property => ({
  id: `p-${lat}`,
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

describe("GoogleStaticImagery (contract fake)", () => {
  const google = () => new GoogleStaticImagery(KEY, inject("googleUrl"));

  it("fetches the satellite tile at the property", async () => {
    const image = await google().fetch(at(30.2672));
    expect(image).toMatchObject({ contentType: "image/png", source: "google-static-maps", capturedAt: null });
    expect(image!.bytes.length).toBeGreaterThan(20_000);
    expect([...image!.bytes.subarray(1, 4)]).toEqual([80, 78, 71]);
  });

  it("treats Google's flat 'no imagery' tile as no image", async () => {
    expect(await google().fetch(at(-85))).toBeNull();
  });

  it("a rejected key is a clear error", async () => {
    await expect(new GoogleStaticImagery("bad-key", inject("googleUrl")).fetch(at(30.2672))).rejects.toThrow(
      /Google Static Maps 403: .*API key is invalid/,
    );
  });

  it("a body that is not an image is an error", async () => {
    await expect(google().fetch(at(85))).rejects.toThrow(/text\/html, not an image/);
  });

  it("is chosen by GOOGLE_MAPS_API_KEY; production refuses sample tiles", () => {
    expect(imageryProvider({ ...env, GOOGLE_MAPS_API_KEY: KEY }).name).toBe("google-static-maps");
    expect(imageryProvider(env).name).toBe("local-sample-tile");
    expect(() => imageryProvider({ ...env, ENVIRONMENT: "production" })).toThrow(/GOOGLE_MAPS_API_KEY/);
  });
});

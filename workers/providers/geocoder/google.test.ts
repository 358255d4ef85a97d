import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { geocoder } from ".";
import { GoogleGeocoder } from "./google";
import { LocalGeocoder } from "./local";

const KEY = "AIzaTestKey0123456789";

describe("GoogleGeocoder (contract fake)", () => {
  const google = () => new GoogleGeocoder(KEY, inject("geocodingUrl"));

  it("forward: street, city, state and ZIP to a rooftop point with the address split into parts", async () => {
    expect(await google().forward({ line: "14 Barton Skyway", city: "Austin", region: "TX", postcode: "78704", country: "US" })).toEqual({
      lat: 30.2554,
      lng: -97.7821,
      line: "14 Barton Skyway",
      city: "Austin",
      region: "TX",
      postcode: "78704",
      precision: "address",
      basis: "Google (ROOFTOP)",
    });
  });

  it("forward: UK addresses name their postal town; a postcode alone is postcode-precise", async () => {
    expect(await google().forward({ line: "221B Baker Street", postcode: "NW1 6XE", country: "GB" })).toMatchObject({
      city: "London",
      postcode: "NW1 6XE",
      precision: "address",
    });
    expect(await google().forward({ postcode: "NW1 6XE", country: "GB" })).toMatchObject({ line: null, precision: "postcode" });
  });

  it("reverse: a pin becomes the address there; nothing known is null", async () => {
    expect(await google().reverse(30.2555, -97.782)).toMatchObject({ line: "14 Barton Skyway", city: "Austin", postcode: "78704" });
    expect(await google().reverse(0.5, 0.5)).toBeNull();
  });

  it("unknown places are null; a refused key and a spent quota are clear errors", async () => {
    expect(await google().forward({ line: "1 Nowhere Lane", country: "US" })).toBeNull();
    await expect(new GoogleGeocoder("bad", inject("geocodingUrl")).forward({ postcode: "78704" })).rejects.toThrow(
      /Google Geocoding REQUEST_DENIED: The provided API key is invalid/,
    );
    await expect(google().forward({ line: "1 overquota Road" })).rejects.toThrow(/OVER_QUERY_LIMIT/);
  });

  it("chosen by the Maps key; without one the local geocoder answers", () => {
    expect(geocoder({ ...env, GOOGLE_MAPS_API_KEY: KEY })).toBeInstanceOf(GoogleGeocoder);
    expect(geocoder({ ...env, GOOGLE_MAPS_API_KEY: undefined })).toBeInstanceOf(LocalGeocoder);
  });
});

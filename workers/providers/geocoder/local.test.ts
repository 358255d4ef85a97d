import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE, seedCatalog } from "../../../tests/scans";
import { catalogAddressBook } from "./catalog-addresses";
import { LocalGeocoder } from "./local";

const local = () => new LocalGeocoder(catalogAddressBook(env.DB));
const home = SAMPLE[3]!;
const [homeLine] = home.address.split(",");

describe("LocalGeocoder (catalog + shipped ZIP and postcode tables, no network)", () => {
  beforeAll(seedCatalog);

  it("an address the catalog knows is placed on its building, however it is spelled", async () => {
    const typed = homeLine!.toLowerCase().replace(/ ln$/, " lane").replace(/ st$/, " street").replace(/ dr$/, " drive");
    expect(await local().forward({ line: typed, city: "Austin", region: "TX", postcode: home.postcode!, country: "US" })).toMatchObject({
      lat: home.lat,
      lng: home.lng,
      precision: "address",
      basis: "the property catalog",
    });
  });

  it("otherwise the ZIP centroid, the UK postcode area, or the city centre", async () => {
    expect(await local().forward({ line: "14 Barton Skyway", city: "Austin", postcode: "78704", country: "US" })).toMatchObject({
      lat: 30.243,
      lng: -97.766,
      city: "Austin",
      region: "TX",
      precision: "postcode",
      basis: "ZIP 78704 centroid",
    });
    expect(await local().forward({ postcode: "NW1 6XE", country: "GB" })).toMatchObject({ lat: 51.55, basis: "postcode area NW (London)" });
    const austin = await local().forward({ line: "5 Elm Road", city: "Austin" });
    expect(austin).toMatchObject({ precision: "city", region: "TX", basis: "Austin, TX city centre" });
    expect(austin!.lat).toBeCloseTo(30.3, 1);
    expect(await local().forward({ city: "Nowhereville" })).toBeNull();
  });

  it("reverse: a pin on a catalog building is its address; elsewhere the nearest ZIP; far from anything, null", async () => {
    expect(await local().reverse(home.lat + 0.0002, home.lng)).toMatchObject({
      line: homeLine,
      city: "Austin",
      postcode: home.postcode,
      precision: "address",
    });
    const downtown = await local().reverse(30.2672, -97.7431 - 0.06);
    expect(downtown).toMatchObject({ line: null, city: "Austin", region: "TX", precision: "postcode" });
    expect(downtown!.basis).toMatch(/^nearest ZIP 787\d\d \(\d+\.\d km\)$/);
    expect(await local().reverse(0, -150)).toBeNull();
  });
});

import { describe, expect, inject, it } from "vitest";
import type { Property } from "../../scans/catalog/catalog";
import { AttomPropertyDetails } from "./attom";

const KEY = "0123456789abcdef0123456789abcdef";
const home = (street: string): Property => ({
  id: "p1",
  lat: 30.27,
  lng: -97.74,
  footprint: { type: "Polygon", coordinates: [] },
  yearBuilt: null,
  roofMaterial: null,
  value: null,
  ownerOccupied: null,
  ownerName: null,
  address: `${street}, Austin, TX`,
  postcode: "78701",
});

describe("AttomPropertyDetails (contract fake)", () => {
  const attom = () => new AttomPropertyDetails(KEY, inject("propertyDataUrl"));

  it("reads year built, assessed value, owner and occupancy", async () => {
    expect(await attom().details(home("1200 Example Mesa Dr"))).toEqual({
      yearBuilt: 1988,
      assessedValue: 412_000,
      ownerOccupied: true,
      ownerName: "PAT SAMPLE",
    });
    expect((await attom().details(home("14 Absentee Ct")))!.ownerOccupied).toBe(false);
  });

  it("an address ATTOM does not know is null", async () => {
    expect(await attom().details(home("0 Nowhere Rd"))).toBeNull();
  });

  it("a rejected key is a clear error", async () => {
    await expect(new AttomPropertyDetails("wrong", inject("propertyDataUrl")).details(home("1 Main St"))).rejects.toThrow(
      /ATTOM 401: Invalid API Key/,
    );
  });

  it("an answer without a property list is an error", async () => {
    await expect(attom().details(home("5 Malformed Way"))).rejects.toThrow(/without a property list/);
  });
});

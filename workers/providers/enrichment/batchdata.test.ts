import { describe, expect, inject, it } from "vitest";
import type { Property } from "../../scans/catalog/catalog";
import { BatchDataSkipTrace } from "./batchdata";

const TOKEN = "bdTestToken0123456789abcd";
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

describe("BatchDataSkipTrace (contract fake)", () => {
  const batch = () => new BatchDataSkipTrace(TOKEN, inject("propertyDataUrl"));

  it("finds the owner's phone (E.164) and email by property address", async () => {
    expect(await batch().contact(home("1200 Example Mesa Dr"))).toEqual({ phone: "+15125550142", email: "pat.sample@example.com" });
  });

  it("skips numbers on the Do Not Call registry", async () => {
    expect((await batch().contact(home("9 Dnc Loop")))!.phone).toBe("+15125550142");
  });

  it("no match is null", async () => {
    expect(await batch().contact(home("0 Nowhere Rd"))).toBeNull();
  });

  it("a rejected token is a clear error", async () => {
    await expect(new BatchDataSkipTrace("short", inject("propertyDataUrl")).contact(home("1 Main St"))).rejects.toThrow(
      /BatchData 401: Invalid API token/,
    );
  });

  it("an answer without results.persons is an error", async () => {
    await expect(batch().contact(home("5 Malformed Way"))).rejects.toThrow(/without results.persons/);
  });
});

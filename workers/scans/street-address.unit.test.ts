import { describe, expect, it } from "vitest";
import { houseNumber, normalizeStreetAddress } from "./street-address";

describe("normalizeStreetAddress", () => {
  it("spells the same street line the same way", () => {
    const canonical = normalizeStreetAddress("1234 Oak Hollow Dr, Austin, TX");
    expect(canonical).toBe("1234 oak holw dr");
    expect(normalizeStreetAddress("1234  oak hollow drive")).toBe(canonical);
    expect(normalizeStreetAddress("1234 OAK HOLLOW DR., Austin TX 78701")).toBe(canonical);
    expect(normalizeStreetAddress("12 West Elm Street #4")).toBe(normalizeStreetAddress("12 W. Elm St 4"));
    expect(normalizeStreetAddress("5 Café Court")).toBe("5 cafe ct");
  });

  it("keeps different houses apart", () => {
    expect(normalizeStreetAddress("1234 Oak Hollow Dr")).not.toBe(normalizeStreetAddress("1236 Oak Hollow Dr"));
    expect(normalizeStreetAddress("12 Elm St")).not.toBe(normalizeStreetAddress("12 Elm Ave"));
  });

  it("is null when there is nothing to compare", () => {
    expect(normalizeStreetAddress(null)).toBeNull();
    expect(normalizeStreetAddress(" ,Austin")).toBeNull();
  });
});

describe("houseNumber", () => {
  it("is the leading number, or null", () => {
    expect(houseNumber("1234 oak holw dr")).toBe("1234");
    expect(houseNumber("12b elm st")).toBe("12b");
    expect(houseNumber("oak holw dr")).toBeNull();
  });
});

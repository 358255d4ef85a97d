import { describe, expect, it } from "vitest";
import { ftsQuery, phoneDigits } from "./search-query";
import { decodeCursor, encodeCursor } from "../http/cursor";

describe("unit: search text → FTS5 query", () => {
  it("quotes every term as a prefix query so operators are words", () => {
    expect(ftsQuery("roof leak", "US")).toBe('"roof"* "leak"*');
    expect(ftsQuery('"roof" OR name:* NEAR(', "US")).toBe('"roof"* "OR"* "name"* "NEAR"*');
    expect(ftsQuery("'; DROP TABLE leads; --", "US")).toBe('"DROP"* "TABLE"* "leads"*');
    expect(ftsQuery("Zoë Müller", "US")).toBe('"Zoë"* "Müller"*');
  });

  it("returns null when nothing searchable is left, and caps the number of terms", () => {
    expect(ftsQuery("   ", "US")).toBeNull();
    expect(ftsQuery('"*()^', "US")).toBeNull();
    expect(ftsQuery("a b c d e f g h i j", "US")!.split(" ")).toHaveLength(8);
  });

  it("normalizes phone-like input to the stored digits in the tenant's country", () => {
    expect(ftsQuery("(512) 555-0100", "US")).toBe('"15125550100"*');
    expect(ftsQuery("020 7946 0958", "GB")).toBe('"442079460958"*');
    expect(ftsQuery("555-0100", "US")).toBe('"15550100"* OR "5550100"*');
    expect(ftsQuery("512 5550", "US")).toBe('"15125550"* OR "5125550"*');
    expect(ftsQuery("+44 20 79", "GB")).toBe('"442079"*');
  });
});

describe("unit: phone digits matched anywhere in a number", () => {
  it("keeps the digits of phone-like input of three digits or more", () => {
    expect(phoneDigits("0179")).toBe("0179");
    expect(phoneDigits("555-0179")).toBe("5550179");
    expect(phoneDigits("(512) 555")).toBe("512555");
    expect(phoneDigits("12")).toBeNull();
    expect(phoneDigits("roof 0179")).toBeNull();
  });
});

describe("unit: keyset cursor", () => {
  it("round-trips and refuses garbage or another sort's cursor", () => {
    const cursor = encodeCursor({ sort: "-score", value: 87, id: "lead_x" });
    expect(decodeCursor(cursor, "-score")).toEqual({ sort: "-score", value: 87, id: "lead_x" });
    expect(() => decodeCursor(cursor, "name")).toThrow(/cursor/);
    expect(() => decodeCursor("!!!", "name")).toThrow(/cursor/);
    expect(() => decodeCursor(btoa('{"a":1}'), "name")).toThrow(/cursor/);
  });
});

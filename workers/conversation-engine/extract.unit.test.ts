import { describe, expect, it } from "vitest";
import { chosenNumber, detectAddress, detectName, detectTrade, detectUrgency, extractDetails } from "./extract";

describe("unit: local engine extraction", () => {
  it("trades: the named thing outweighs the shared symptom", () => {
    expect(detectTrade("water is pouring through my ceiling")).toBe("plumbing");
    expect(detectTrade("my roof is leaking")).toBe("roofing");
    expect(detectTrade("sparking outlet in the hall")).toBe("electrical");
    expect(detectTrade("the AC died")).toBe("hvac");
    expect(detectTrade("hello there")).toBeUndefined();
  });

  it("urgency from the scoring module's urgent words, plus soon/flexible", () => {
    expect(detectUrgency("burst pipe!")).toBe("emergency");
    expect(detectUrgency("no rush, whenever")).toBe("flexible");
    expect(detectUrgency("sometime this week")).toBe("soon");
    expect(detectUrgency("a quote please")).toBeUndefined();
  });

  it("addresses, US ZIP codes, UK postcodes and cities (the parser's own table test has the rest)", () => {
    expect(detectAddress("I'm at 12 Oak Street, Austin 78704")).toEqual({
      address: "12 Oak Street",
      city: "Austin",
      region: "TX",
      postcode: "78704",
    });
    expect(detectAddress("14 Barton Skyway, Austin 78704")).toEqual({
      address: "14 Barton Skyway",
      city: "Austin",
      region: "TX",
      postcode: "78704",
    });
    expect(detectAddress("5 Elm Road, Austin. It's an emergency")).toEqual({ address: "5 Elm Road", city: "Austin" });
    expect(detectAddress("Flat 2, 14 Heath St, London NW3 6TE")).toEqual({
      address: "14 Heath St, Flat 2",
      city: "London",
      postcode: "NW3 6TE",
    });
    expect(detectAddress("postcode nw36te")).toEqual({ postcode: "NW3 6TE" });
    expect(detectAddress("round rock", true)).toEqual({ city: "Round Rock" });
  });

  it("names from phrases, and bare answers to the question asked", () => {
    expect(detectName("Hi, my name is maria garcia")).toBe("Maria Garcia");
    expect(detectName("I'm worried about the roof")).toBeUndefined();
    expect(extractDetails("Maria", "name")).toEqual({ name: "Maria" });
    expect(extractDetails("yes", "urgency")).toEqual({ urgency: "emergency" });
    expect(extractDetails("no", "urgency")).toEqual({ urgency: "flexible" });
    expect(extractDetails("the house behind the school", "address")).toEqual({ address: "the house behind the school" });
  });

  it("numbered choices and button ids", () => {
    expect(chosenNumber("2")).toBe(2);
    expect(chosenNumber("option 3")).toBe(3);
    expect(chosenNumber("Tue 9:00", "slot:1")).toBe(1);
    expect(chosenNumber("12 Oak St")).toBeUndefined();
  });
});

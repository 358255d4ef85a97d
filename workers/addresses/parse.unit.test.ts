import { describe, expect, it } from "vitest";
import { parseAddress, type ParsedAddress } from "./parse";

// Real-world-shaped addresses as people write or say them: any order, abbreviations, typos,
// units, spoken numbers. Each row: the text, the workspace's country, and the parts expected.
const CASES: [string, "US" | "GB", ParsedAddress][] = [
  // The README's flows
  ["14 Barton Skyway, Austin 78704", "US", { line: "14 Barton Skyway", city: "Austin", region: "TX", postcode: "78704", country: "US" }],
  ["Hi, I'm Carla. AC is dead, 300 Congress Ave 78701", "US", { line: "300 Congress Ave", city: "Austin", postcode: "78701" }],
  ["My name is Ana. Blocked drain at 40 Lamar Blvd 78704, no rush", "US", { line: "40 Lamar Blvd", postcode: "78704" }],
  ["my roof is leaking at 5 Elm Road, Austin. It's an emergency", "US", { line: "5 Elm Road", city: "Austin" }],
  // US, every order and shape
  ["78704 Austin, 14 Barton Skyway", "US", { line: "14 Barton Skyway", city: "Austin", postcode: "78704" }],
  ["Austin TX 78704, 14 Barton Skyway Apt 2", "US", { line: "14 Barton Skyway, Apt 2", region: "TX", postcode: "78704" }],
  [
    "apt 4b 1200 s lamar blvd austin tx 78704",
    "US",
    { line: "1200 S Lamar Blvd, Apt 4B", city: "Austin", region: "TX", postcode: "78704" },
  ],
  [
    "1600 Pennsylvania Ave NW, Washington, DC 20500",
    "US",
    { line: "1600 Pennsylvania Ave NW", city: "Washington", region: "DC", postcode: "20500" },
  ],
  ["350 Fifth Avenue, New York, NY 10118", "US", { line: "350 5th Avenue", city: "New York", region: "NY", postcode: "10118" }],
  [
    "233 S Wacker Dr Suite 3400 Chicago IL 60606",
    "US",
    { line: "233 S Wacker Dr, Suite 3400", city: "Chicago", region: "IL", postcode: "60606" },
  ],
  ["1 Infinite Loop, Cupertino, California 95014", "US", { line: "1 Infinite Loop", city: "Cupertino", region: "CA", postcode: "95014" }],
  ["100 N Lamar Blvd #210, Austin 78703", "US", { line: "100 N Lamar Blvd, #210", city: "Austin", postcode: "78703" }],
  ["9800 Great Hills Trl, Austin TX 78759", "US", { line: "9800 Great Hills Trl", city: "Austin", region: "TX", postcode: "78759" }],
  ["4501 Avenue F, Austin", "US", { line: "4501 Avenue F", city: "Austin" }],
  ["12 Highway 71 west of Bastrop", "US", { line: "12 Highway 71" }],
  ["2200 E 6th St, Austin, TX 78702", "US", { line: "2200 E 6th St", city: "Austin", region: "TX", postcode: "78702" }],
  ["401 W 2nd St Unit 5, Austin, Texas", "US", { line: "401 W 2nd St, Unit 5", city: "Austin", region: "TX" }],
  ["3105 Windsor Rd, Travis County, TX 78703", "US", { line: "3105 Windsor Rd", region: "TX", postcode: "78703" }],
  ["500 Main St, Round Rock, TX 78664", "US", { line: "500 Main St", city: "Round Rock", region: "TX", postcode: "78664" }],
  ["6000 Shepherd Mountain Cv, Austin", "US", { line: "6000 Shepherd Mountain Cv", city: "Austin" }],
  ["1901 W William Cannon Dr Ste 150 Austin TX 78745", "US", { line: "1901 W William Cannon Dr, Suite 150", postcode: "78745" }],
  ["88 Colin P Kelly Jr St, San Francisco, CA 94107", "US", { line: "88 Colin P Kelly Jr St", city: "San Francisco", region: "CA" }],
  ["I'm at 742 Evergreen Terrace, Springfield", "US", { line: "742 Evergreen Terrace", city: "Springfield" }],
  ["just the zip: 78745", "US", { postcode: "78745", city: "Austin", region: "TX" }],
  ["out in Pflugerville", "US", { city: "Pflugerville" }],
  // Typos people make
  ["14 Barton Skwy Austn 78704", "US", { line: "14 Barton Skwy", city: "Austin", postcode: "78704" }],
  ["12 Oak Stret, Round Rock", "US", { line: "12 Oak Street", city: "Round Rock" }],
  ["300 congres avenu austin", "US", { line: "300 Congres Avenue", city: "Austin" }],
  ["45 mockingbird raod, dallas tx", "US", { line: "45 Mockingbird Road", city: "Dallas" }],
  ["1100 congress ave, austn, tx", "US", { line: "1100 Congress Ave", city: "Austin", region: "TX" }],
  // Spoken (call transcripts)
  [
    "it's fourteen Barton Skyway in Austin seven eight seven oh four",
    "US",
    { line: "14 Barton Skyway", city: "Austin", postcode: "78704" },
  ],
  ["twenty one oh five Manchaca Road Austin", "US", { line: "2105 Manchaca Road", city: "Austin" }],
  ["three hundred Congress Avenue, seven eight seven zero one", "US", { line: "300 Congress Avenue", postcode: "78701" }],
  ["twelve hundred west sixth street austin", "US", { line: "1200 W 6th Street", city: "Austin" }],
  ["the address is one two three four Main Street, Round Rock", "US", { line: "1234 Main Street", city: "Round Rock" }],
  // UK
  ["Flat 3, 12 Station Road, Leeds LS1 4AB", "GB", { line: "12 Station Road, Flat 3", city: "Leeds", postcode: "LS1 4AB", country: "GB" }],
  ["221B Baker Street, London NW1 6XE", "GB", { line: "221B Baker Street", city: "London", postcode: "NW1 6XE", country: "GB" }],
  ["10 Downing St, Westminster, London SW1A 2AA", "GB", { line: "10 Downing St", city: "London", postcode: "SW1A 2AA" }],
  ["flat 2 14 marchmont rd edinburgh eh9 1hx", "GB", { line: "14 Marchmont Rd, Flat 2", city: "Edinburgh", postcode: "EH9 1HX" }],
  ["45 Queens Road, Brighton BN1 3XE", "GB", { line: "45 Queens Road", city: "Brighton", postcode: "BN1 3XE" }],
  ["3 Hill Crescent, Bristol, BS1 5AA", "GB", { line: "3 Hill Crescent", city: "Bristol", postcode: "BS1 5AA" }],
  ["m1 1ae, 7 Portland Street, Manchester", "GB", { line: "7 Portland Street", city: "Manchester", postcode: "M1 1AE" }],
  ["27 Kings Avenue, Hendon, London NW4 2PX", "GB", { line: "27 Kings Avenue", city: "London", postcode: "NW4 2PX" }],
  ["8 Mill Lane, Otley, West Yorkshire", "GB", { line: "8 Mill Lane", region: "West Yorkshire" }],
  ["Station Road, Cambridge CB1 2JW", "GB", { line: "Station Road", city: "Cambridge", postcode: "CB1 2JW" }],
  ["postcode is sw11 1nb", "GB", { postcode: "SW11 1NB", country: "GB" }],
  ["16 Acacia Gardens, Glasgow G12 8QQ", "GB", { line: "16 Acacia Gardens", city: "Glasgow", postcode: "G12 8QQ" }],
  ["double four Chapel Street Liverpool L3 9AG", "GB", { line: "44 Chapel Street", city: "Liverpool", postcode: "L3 9AG" }],
];

describe("unit: address parser", () => {
  it(`covers at least 40 addresses (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)("%s", (text, country, expected) => {
    expect(parseAddress(text, country)).toMatchObject(expected);
  });

  it("a bare city is an address only as the answer to the address question", () => {
    expect(parseAddress("round rock", "US", { expected: true })).toMatchObject({ city: "Round Rock", country: "US" });
    expect(parseAddress("round rock", "US")).toBeNull();
  });

  it("finds nothing in a message without a place", () => {
    expect(parseAddress("Burst pipe, water everywhere", "US")).toBeNull();
    expect(parseAddress("Maria Garcia", "US", { expected: true })).toBeNull();
    expect(parseAddress("my roof is leaking", "US")).toBeNull();
    expect(parseAddress("I have one leak and two drips", "US")).toBeNull();
    expect(parseAddress("yes please, tomorrow at 9 is fine", "US")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { textBackMessage, textBackReason } from "./rule";

describe("missed-call text-back rule", () => {
  it.each([
    ["refused_budget", false, "refused"],
    ["refused_cap", false, "refused"],
    ["transfer_unanswered", false, "unanswered"],
    ["completed", false, "ended_early"],
    ["canceled", false, "ended_early"],
    [null, false, "ended_early"],
    ["transferred", false, null],
    ["completed", true, null],
    ["transfer_unanswered", true, null],
  ] as const)("outcome %s, booked %s → %s", (outcome, booked, reason) => {
    expect(textBackReason({ outcome, booked })).toBe(reason);
  });

  it("says who writes and why, and carries on from what the call learned", () => {
    expect(textBackMessage("refused", "Leak Busters")).toBe(
      "Hi, it's Leak Busters. Sorry we couldn't take your call just now. What can we help with? Reply here and we'll get you booked.",
    );
    expect(textBackMessage("ended_early", "Leak Busters", { trade: "roofing", address: "12 Oak Street" })).toBe(
      "Hi, it's Leak Busters. Looks like we got cut off. Reply here about your roofing job and we'll pick up where we left off.",
    );
    expect(textBackMessage("unanswered", "Leak Busters", { trade: "other" })).toMatch(
      /nobody could pick up just now\. What can we help with\?/,
    );
  });
});

import { describe, expect, it } from "vitest";
import { ApiError } from "./problem";
import { errorMessage, fieldMessage, fieldSentence, humanize } from "./words";

const problem = (detail: string, errors: { field: string; message: string }[] = []) => new ApiError(400, "Bad Request", detail, errors);

describe("API problems in the form's words", () => {
  it("says zod's number bounds about the labelled field", () => {
    expect(fieldSentence("radiusKm", "Too big: expected number to be <=90", { radiusKm: "Radius" })).toBe("Radius must be 90 or less.");
    expect(fieldSentence("jobCap", "Too small: expected number to be >=1", { jobCap: "Job limit" })).toBe("Job limit must be 1 or more.");
  });

  it("turns required, option, email, date and length messages into sentences", () => {
    expect(fieldSentence("name", "Too small: expected string to have >=1 characters")).toBe("Name is required.");
    expect(fieldSentence("trade", 'Invalid option: expected one of "roofing"|"plumbing"', { trade: "Trade" })).toBe(
      "Choose one of the options for trade.",
    );
    expect(fieldSentence("email", "Invalid email address")).toBe("Enter a valid email address, e.g. name@example.com.");
    expect(fieldSentence("start", "Invalid ISO datetime", { start: "Start" })).toBe("Start is not a valid date and time.");
    expect(fieldSentence("notes", "Too big: expected string to have <=2000 characters", { notes: "Notes" })).toBe(
      "Notes can be at most 2000 characters long.",
    );
    expect(fieldSentence("trades", "Too small: expected array to have >=1 items", { trades: "Trades" })).toBe(
      "Choose at least one for trades.",
    );
  });

  it("never shows a phone format name", () => {
    expect(fieldSentence("from", "E.164, e.g. +15125550100", { from: "Customer's number" })).toBe(
      "Enter a phone number with its country code, e.g. +1 512 555 0100.",
    );
  });

  it("names fields by their labels, and unlabelled ones in words, never by path", () => {
    const err = problem("3 fields need attention: timeZone, jobCap, hours.0.", [
      { field: "timeZone", message: "Invalid time zone." },
      { field: "jobCap", message: "Too big: expected number to be <=50" },
      { field: "hours.0", message: "Start must be before end." },
    ]);
    expect(errorMessage(err, { jobCap: "Active-job cap", hours: "Working hours" })).toBe(
      "3 fields need attention: Time zone, Active-job cap, Working hours.",
    );
    expect(fieldMessage(err, "jobCap", { jobCap: "Active-job cap" })).toBe("Active-job cap must be 50 or less.");
    expect(fieldMessage(err, "hours", { hours: "Working hours" })).toBe("Start must be before end.");
    expect(fieldMessage(err, "name")).toBeUndefined();
  });

  it("puts the label before a single field's sentence unless the sentence starts with it", () => {
    const err = problem("scoreMin: scoreMin must not exceed scoreMax.", [
      { field: "scoreMin", message: "scoreMin must not exceed scoreMax." },
    ]);
    expect(errorMessage(err, { scoreMin: "Lowest score", scoreMax: "Highest score" })).toBe("Lowest score must not exceed highest score.");
    const radius = problem("radiusKm: Too big: expected number to be <=90", [
      { field: "radiusKm", message: "Too big: expected number to be <=90" },
    ]);
    expect(errorMessage(radius, { radiusKm: "Radius (km)" })).toBe("Radius (km) must be 90 or less.");
    const phone = problem("x", [{ field: "phone", message: "Invalid phone number." }]);
    expect(errorMessage(phone, { phone: "Phone" })).toBe("Phone: Enter a phone number with its country code, e.g. +1 512 555 0100.");
  });

  it("rewrites parameter names left in a detail", () => {
    const err = problem("2 problems in the file; nothing was imported. Fix the rows listed in “errors”, or import with mode=skip-invalid.");
    expect(errorMessage(err)).toBe(
      "2 problems in the file; nothing was imported. Fix the rows listed in “errors”, or import with “skip invalid”.",
    );
    expect(errorMessage(problem("Unknown pro: proId is not in this workspace."), { proId: "Pro" })).toBe(
      "Unknown pro: pro is not in this workspace.",
    );
  });

  it("explains a lost connection and keeps plain errors", () => {
    expect(errorMessage(new TypeError("Failed to fetch"))).toMatch(/Cannot reach Homeline/);
    expect(errorMessage(new Error("Pick a pro."))).toBe("Pick a pro.");
    expect(humanize("timeZone")).toBe("Time zone");
    expect(humanize("assigneeId")).toBe("Assignee");
  });
});

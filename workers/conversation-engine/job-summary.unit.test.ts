import { describe, expect, it } from "vitest";
import { summarizeJob } from "./job-summary";

describe("unit: the job description is a summary, each fact once", () => {
  it("keeps what the customer said about the job, not greetings, names or the address", () => {
    expect(summarizeJob(undefined, "Hi, I'm Carla. AC is dead, 300 Congress Ave 78701")).toBe("AC is dead.");
    expect(summarizeJob(undefined, "Water is pouring through my kitchen ceiling!")).toBe("Water is pouring through my kitchen ceiling.");
    expect(summarizeJob(undefined, "hello")).toBeUndefined();
  });

  it("a repeated message adds nothing; a new fact is added once; a fuller restatement replaces the short one", () => {
    let description = summarizeJob(undefined, "my roof is leaking");
    for (let i = 0; i < 3; i++) description = summarizeJob(description, "my roof is leaking");
    expect(description).toBe("My roof is leaking.");
    description = summarizeJob(description, "My roof is leaking!! Also a gutter came off");
    expect(description).toBe("My roof is leaking. Also a gutter came off.");
    description = summarizeJob(description, "my roof is leaking into the bedroom");
    expect(description).toBe("My roof is leaking into the bedroom. Also a gutter came off.");
  });

  it("a leak at an address is a fact about the job", () => {
    expect(summarizeJob(undefined, "Blocked drain at 40 Lamar Blvd 78704, no rush")).toBe("Blocked drain at 40 Lamar Blvd 78704.");
  });
});

import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import wranglerToml from "../../wrangler.toml?raw";
import { parseCron } from "./cron-expression";
import { SCHEDULE } from "./index";

describe("cron schedule", () => {
  it("every trigger in wrangler.toml has its jobs here and every schedule here is a trigger there", () => {
    const crons = (parse(wranglerToml) as { triggers?: { crons?: string[] } }).triggers?.crons ?? [];
    expect(crons.length).toBeGreaterThan(0);
    expect([...crons].sort()).toEqual(Object.keys(SCHEDULE).sort());
    for (const cron of crons) expect(parseCron(cron).source).toBe(cron);
  });
});

import { describe, expect, it } from "vitest";
import { NO_RECHARGE, RECHARGE_FAILURE_COOLDOWN_MS, RECHARGE_STALE_MS, shouldRecharge } from "./recharge";

const on = { enabled: true, threshold: 500, credits: 2_000 };
const now = 1_800_000_000_000;

describe("unit: auto-recharge decision", () => {
  it("recharges below the threshold only when enabled", () => {
    expect(shouldRecharge(on, NO_RECHARGE, 499, now)).toBe(true);
    expect(shouldRecharge(on, NO_RECHARGE, 500, now)).toBe(false);
    expect(shouldRecharge({ ...on, enabled: false }, NO_RECHARGE, 0, now)).toBe(false);
  });

  it("runs one attempt at a time, unless the pending one went stale", () => {
    const pending = { ...NO_RECHARGE, pending: { key: "rch_1", since: now - 1_000 } };
    expect(shouldRecharge(on, pending, 0, now)).toBe(false);
    expect(shouldRecharge(on, pending, 0, now - 1_000 + RECHARGE_STALE_MS)).toBe(true);
  });

  it("does not charge a declined card again for a day", () => {
    const failed = { ...NO_RECHARGE, lastFailure: { at: now, message: "Your card was declined." } };
    expect(shouldRecharge(on, failed, 0, now + 60_000)).toBe(false);
    expect(shouldRecharge(on, failed, 0, now + RECHARGE_FAILURE_COOLDOWN_MS)).toBe(true);
  });
});

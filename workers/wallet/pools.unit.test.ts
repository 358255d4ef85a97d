import { describe, expect, it } from "vitest";
import { DEFAULT_SPLIT, type Pools, type Split } from "./model";
import {
  applyMoves,
  freeIn,
  isShortfall,
  planAdjustment,
  planCapture,
  planCredit,
  planDebit,
  planHold,
  planReallocation,
  planRefund,
  planRelease,
  spendableFor,
  sumAmounts,
  totals,
} from "./pools";

const funded = (credits: number, split: Split | null = DEFAULT_SPLIT): Pools => applyMoves({}, planCredit(credits, split));

describe("unit: wallet pools", () => {
  it("splits purchases 35/35/30 into budgets, remainders to general, and nothing when auto-spend is off", () => {
    expect(planCredit(1_000, DEFAULT_SPLIT).allocation).toEqual({ voice: 350, sms: 350, email: 300 });
    expect(planCredit(1_001, DEFAULT_SPLIT).allocation).toEqual({ voice: 350, sms: 350, email: 300, general: 1 });
    expect(planCredit(10, { voice: 50 }).allocation).toEqual({ voice: 5, general: 5 });
    expect(planCredit(1_000, null).allocation).toEqual({ general: 1_000 });
    expect(sumAmounts(planCredit(999, DEFAULT_SPLIT).allocation)).toBe(999);
  });

  it("spends from the channel's budget first, then general, and refuses an overdraw with the shortfall", () => {
    let pools = applyMoves(funded(1_000), planCredit(100, null));
    const debit = planDebit(pools, "sms", 400);
    expect(debit).toEqual({ allocation: { sms: -350, general: -50 }, reservation: {} });
    pools = applyMoves(pools, debit as never);
    expect(totals(pools)).toEqual({ balance: 700, reserved: 0, available: 700 });
    // sms budget is empty and 50 general is left: whatsapp has no budget at all.
    expect(spendableFor(pools, "sms")).toBe(50);
    expect(planDebit(pools, "whatsapp", 51)).toEqual({ shortfall: 1, spendable: 50 });
    expect(spendableFor(pools, "voice")).toBe(400);
  });

  it("holds reserve, capture spends the actual cost and releases the rest, and the sums close to zero", () => {
    let pools = funded(1_000, { scan: 20 }); // scan 200, general 800
    const hold = planHold(pools, "scan", 300);
    if (isShortfall(hold)) throw new Error("refused");
    expect(hold.reservation).toEqual({ scan: 200, general: 100 });
    pools = applyMoves(pools, hold);
    expect(totals(pools)).toEqual({ balance: 1_000, reserved: 300, available: 700 });
    expect(planDebit(pools, "email", 701)).toMatchObject({ shortfall: 1 });

    const settled = planCapture(pools, hold.reservation, "scan", 240);
    if (isShortfall(settled)) throw new Error("refused");
    pools = applyMoves(applyMoves(pools, settled.capture), settled.release);
    expect(sumAmounts(settled.capture.allocation)).toBe(-240);
    expect(sumAmounts(settled.capture.reservation) + sumAmounts(settled.release.reservation)).toBe(-300);
    expect(totals(pools)).toEqual({ balance: 760, reserved: 0, available: 760 });
    expect(freeIn(pools, "scan")).toBe(0);
  });

  it("a capture above the hold needs free credits for the excess", () => {
    let pools = funded(100, { voice: 100 });
    const hold = planHold(pools, "voice", 60);
    if (isShortfall(hold)) throw new Error("refused");
    pools = applyMoves(pools, hold);
    expect(planCapture(pools, hold.reservation, "voice", 101)).toEqual({ shortfall: 1, spendable: 100 });
    const settled = planCapture(pools, hold.reservation, "voice", 90);
    if (isShortfall(settled)) throw new Error("refused");
    expect(settled.release.reservation).toEqual({});
    expect(totals(applyMoves(applyMoves(pools, settled.capture), settled.release))).toEqual({ balance: 10, reserved: 0, available: 10 });
  });

  it("release returns the whole reservation", () => {
    const pools = funded(500, null);
    const hold = planHold(pools, "scan", 200);
    if (isShortfall(hold)) throw new Error("refused");
    expect(totals(applyMoves(applyMoves(pools, hold), planRelease(hold.reservation)))).toEqual({
      balance: 500,
      reserved: 0,
      available: 500,
    });
  });

  it("refunds take back only what is free, general first, and report the rest", () => {
    let pools = funded(1_000); // voice 350, sms 350, email 300
    pools = applyMoves(pools, planHold(pools, "voice", 300) as never);
    const refund = planRefund(pools, 1_000);
    expect(refund.covered).toBe(700);
    expect(refund.uncovered).toBe(300);
    expect(totals(applyMoves(pools, refund.moves))).toEqual({ balance: 300, reserved: 300, available: 0 });
  });

  it("adjustments: positive to general, negative only when fully covered", () => {
    const pools = funded(100, null);
    expect(planAdjustment(pools, 25)).toEqual({ allocation: { general: 25 }, reservation: {} });
    expect(planAdjustment(pools, -101)).toEqual({ shortfall: 1, spendable: 100 });
    expect(planAdjustment(pools, -100)).toEqual({ allocation: { general: -100 }, reservation: {} });
  });

  it("turning auto-spend on splits the free general balance; off folds free budgets back", () => {
    const general = funded(1_000, null);
    const on = applyMoves(general, planReallocation(general, DEFAULT_SPLIT));
    expect(on).toEqual({ voice: { balance: 350, reserved: 0 }, sms: { balance: 350, reserved: 0 }, email: { balance: 300, reserved: 0 } });
    const held = applyMoves(on, planHold(on, "voice", 100) as never);
    const off = applyMoves(held, planReallocation(held, null));
    expect(off).toEqual({ general: { balance: 900, reserved: 0 }, voice: { balance: 100, reserved: 100 } });
    expect(totals(off).balance).toBe(1_000);
  });
});

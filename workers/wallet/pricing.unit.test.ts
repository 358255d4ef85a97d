import { describe, expect, it } from "vitest";
import { defaultPrice, MARKUP, PROVIDER_COSTS, priceTable, quote, smsSegments, voiceMinutes } from "./pricing";

describe("unit: pricing", () => {
  it("defaults to 4× provider cost in whole credits (cents), rounded up", () => {
    expect(MARKUP).toBe(4);
    expect(priceTable()).toEqual({ voice: 24, sms: 5, whatsapp: 4, email: 1, scan: 8 });
    // $0.0113 × 4 = 4.52 cents → 5 credits; email's $0.0016 rounds up to the 1-credit minimum.
    expect(defaultPrice("sms")).toBe(Math.ceil((PROVIDER_COSTS.sms.microUsd * 4) / 10_000));
  });

  it("takes per-workspace overrides unit by unit", () => {
    expect(priceTable({ voice: 30, email: 2 })).toEqual({ voice: 30, sms: 5, whatsapp: 4, email: 2, scan: 8 });
  });

  it("quotes whole quantities only", () => {
    const prices = priceTable();
    expect(quote(prices, "scan", 250)).toBe(2_000);
    expect(quote(prices, "voice", voiceMinutes(61))).toBe(48);
    expect(quote(prices, "email", 0)).toBe(0);
    expect(() => quote(prices, "sms", 1.5)).toThrow(RangeError);
    expect(() => quote(prices, "sms", -1)).toThrow(RangeError);
  });

  it("bills voice per started minute", () => {
    expect([0, 1, 59, 60, 61, 600].map(voiceMinutes)).toEqual([0, 1, 1, 1, 2, 10]);
  });

  it("counts SMS segments like carriers: GSM-7 160/153, escapes count twice, UCS-2 70/67", () => {
    expect(smsSegments("Your roofer is on the way.")).toBe(1);
    expect(smsSegments("a".repeat(160))).toBe(1);
    expect(smsSegments("a".repeat(161))).toBe(2);
    expect(smsSegments("a".repeat(306))).toBe(2);
    expect(smsSegments("a".repeat(307))).toBe(3);
    expect(smsSegments("€".repeat(80))).toBe(1); // 160 septets
    expect(smsSegments("€".repeat(81))).toBe(2);
    expect(smsSegments("Ok 👍")).toBe(1);
    expect(smsSegments("ü".repeat(160))).toBe(1); // ü is GSM
    expect(smsSegments("ł".repeat(70))).toBe(1);
    expect(smsSegments("ł".repeat(71))).toBe(2);
    expect(smsSegments("ł".repeat(135))).toBe(3);
  });
});

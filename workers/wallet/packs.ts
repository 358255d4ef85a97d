/**
 * Credit packs sold through Stripe Checkout. A credit is one cent, so a pack's price is its
 * credits in cents: nothing to reconcile between money and credits but the currency.
 */
export const CURRENCY = "usd";

export const CREDIT_PACKS = [
  { id: "starter", credits: 2_000, label: "Starter" },
  { id: "growth", credits: 5_000, label: "Growth" },
  { id: "pro", credits: 10_000, label: "Pro" },
  { id: "scale", credits: 25_000, label: "Scale" },
] as const;

export type CreditPack = (typeof CREDIT_PACKS)[number];
export type PackId = CreditPack["id"];
export const PACK_IDS = CREDIT_PACKS.map((pack) => pack.id) as [PackId, ...PackId[]];

export const packById = (id: PackId): CreditPack => CREDIT_PACKS.find((pack) => pack.id === id)!;

/** Credits are sold at one cent each. */
export const priceInCents = (credits: number) => credits;

import { and, eq, inArray } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import type { Channel } from "./model";
import { priceTable, type PriceOverrides, type PriceTable } from "./pricing";

const { walletPrices } = tables;

// Prices change rarely (a platform admin edits them); a short per-isolate cache keeps them off
// the hot path of every debit.
const CACHE_MS = 30_000;
const cache = new Map<string, { prices: PriceTable; until: number }>();

export async function pricesFor(env: Env, tenantId: string, now = Date.now()): Promise<PriceTable> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > now) return hit.prices;
  const rows = await database(env.DB)
    .select({ unit: walletPrices.unit, credits: walletPrices.credits })
    .from(walletPrices)
    .where(eq(walletPrices.tenantId, tenantId));
  const prices = priceTable(Object.fromEntries(rows.map((r) => [r.unit, r.credits])) as PriceOverrides);
  cache.set(tenantId, { prices, until: now + CACHE_MS });
  return prices;
}

/** Sets (a number) or clears (null: back to the default) per-unit overrides. */
export async function setPrices(
  env: Env,
  tenantId: string,
  changes: Partial<Record<Channel, number | null>>,
  actorId: string | null,
): Promise<PriceTable> {
  const db = database(env.DB);
  const now = Date.now();
  const set = Object.entries(changes).filter((entry): entry is [Channel, number] => entry[1] !== null);
  const cleared = Object.entries(changes)
    .filter(([, credits]) => credits === null)
    .map(([unit]) => unit);
  await db.batch([
    db.delete(walletPrices).where(and(eq(walletPrices.tenantId, tenantId), inArray(walletPrices.unit, cleared.length ? cleared : [""]))),
    ...set.map(([unit, credits]) =>
      db
        .insert(walletPrices)
        .values({ tenantId, unit, credits, updatedBy: actorId, updatedAt: now })
        .onConflictDoUpdate({ target: [walletPrices.tenantId, walletPrices.unit], set: { credits, updatedBy: actorId, updatedAt: now } }),
    ),
  ]);
  cache.delete(tenantId);
  return pricesFor(env, tenantId);
}

import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";

export type ChannelRow = typeof tables.channels.$inferSelect;

const CACHE_MS = 30_000;
const cache = new Map<string, { row: ChannelRow | null; until: number }>();

/**
 * The channel a webhook is addressed to (phone_number_id or Twilio number), which names the
 * tenant. Cached per isolate for 30 s: every inbound webhook asks, and numbers rarely move.
 */
export async function channelByAddress(env: Env, kind: ChannelRow["kind"], address: string, now = Date.now()): Promise<ChannelRow | null> {
  const key = `${kind}:${address}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.row;
  const row = (await database(env.DB).query.channels.findFirst({ where: and(eq(tables.channels.kind, kind), eq(tables.channels.address, address), eq(tables.channels.active, true)) })) ?? null;
  cache.set(key, { row, until: now + CACHE_MS });
  return row;
}

/** Settings changes take effect at once in this isolate (others within CACHE_MS). */
export function forgetChannel(kind: string, address: string): void {
  cache.delete(`${kind}:${address}`);
}

export async function channelById(env: Env, tenantId: string, id: string): Promise<ChannelRow | undefined> {
  return database(env.DB).query.channels.findFirst({ where: and(eq(tables.channels.tenantId, tenantId), eq(tables.channels.id, id)) });
}

/** The tenant's first active channel of `kind` (pro notifications go out through it). */
export async function tenantChannel(env: Env, tenantId: string, kind: ChannelRow["kind"]): Promise<ChannelRow | undefined> {
  return database(env.DB).query.channels.findFirst({ where: and(eq(tables.channels.tenantId, tenantId), eq(tables.channels.kind, kind), eq(tables.channels.active, true)), orderBy: tables.channels.createdAt });
}

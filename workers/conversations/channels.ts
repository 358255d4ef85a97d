import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { TtlCache } from "../lib/ttl-cache";

export type ChannelRow = typeof tables.channels.$inferSelect;

// Every inbound webhook asks; numbers rarely move. Settings changes take effect at once in the
// isolate that made them (forgetChannel) and within 30 s elsewhere.
const byAddress = new TtlCache<ChannelRow | null>(30_000);
const byId = new TtlCache<ChannelRow | null>(30_000);

/** The channel a webhook is addressed to (phone_number_id or Twilio number), which names the tenant. */
export async function channelByAddress(env: Env, kind: ChannelRow["kind"], address: string): Promise<ChannelRow | null> {
  return byAddress.get(
    `${kind}:${address}`,
    async () =>
      (await database(env.DB).query.channels.findFirst({
        where: and(eq(tables.channels.kind, kind), eq(tables.channels.address, address), eq(tables.channels.active, true)),
      })) ?? null,
  );
}

export function forgetChannel(row: Pick<ChannelRow, "id" | "kind" | "address">): void {
  byAddress.forget(`${row.kind}:${row.address}`);
  byId.forget(row.id);
}

export async function channelById(env: Env, tenantId: string, id: string): Promise<ChannelRow | null> {
  const row = await byId.get(
    id,
    async () => (await database(env.DB).query.channels.findFirst({ where: eq(tables.channels.id, id) })) ?? null,
  );
  return row?.tenantId === tenantId ? row : null;
}

/** The tenant's first active channel of `kind` (pro notifications go out through it). */
export async function tenantChannel(env: Env, tenantId: string, kind: ChannelRow["kind"]): Promise<ChannelRow | undefined> {
  return database(env.DB).query.channels.findFirst({
    where: and(eq(tables.channels.tenantId, tenantId), eq(tables.channels.kind, kind), eq(tables.channels.active, true)),
    orderBy: tables.channels.createdAt,
  });
}

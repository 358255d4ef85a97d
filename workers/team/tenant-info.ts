import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { TtlCache } from "../lib/ttl-cache";

export interface TenantInfo {
  id: string;
  country: string;
  name: string;
  /** IANA zone, for times said back to customers. */
  timeZone: string;
}

// A tenant's name and country, read on every conversation turn: cached per isolate (they rarely change).
const tenants = new TtlCache<TenantInfo | null>(60_000);

/** A workspace's id, name, country and time zone, for work that runs outside a request (queue, objects, workflows). */
export async function tenantInfo(env: Env, tenantId: string): Promise<TenantInfo> {
  const tenant = await tenants.get(
    tenantId,
    async () =>
      (await database(env.DB).query.tenants.findFirst({
        where: eq(tables.tenants.id, tenantId),
        columns: { id: true, country: true, name: true, timeZone: true },
      })) ?? null,
  );
  if (!tenant) throw new Error(`tenant ${tenantId} not found`);
  return tenant;
}

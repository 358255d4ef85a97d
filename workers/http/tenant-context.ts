import type { Context } from "hono";
import { and, eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { database, tables } from "../db/client";
import { unauthorized } from "./problem";

export interface TenantContext {
  tenant: { id: string; country: string; name: string; timeZone: string };
  actor: { id: string; name: string };
}

const cache = new WeakMap<Context, Promise<TenantContext>>();

/** The caller's tenant and name, read once per request (one joined query). */
export function tenantContext(c: Context<AppEnv>): Promise<TenantContext> {
  let pending = cache.get(c);
  if (!pending) {
    pending = load(c);
    cache.set(c, pending);
  }
  return pending;
}

async function load(c: Context<AppEnv>): Promise<TenantContext> {
  const { tenantId, userId } = c.get("auth");
  const { tenants, users, memberships } = tables;
  const [row] = await database(c.env.DB)
    .select({ tenantName: tenants.name, country: tenants.country, timeZone: tenants.timeZone, userName: users.name })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  if (!row) throw unauthorized("Your access to this workspace was removed.");
  return {
    tenant: { id: tenantId, country: row.country, name: row.tenantName, timeZone: row.timeZone },
    actor: { id: userId, name: row.userName },
  };
}

import { eq } from "drizzle-orm";
import type { Env } from "../../workers/env";
import { database, tables } from "../../workers/db/client";
import { readMeta, writeMeta } from "./schema";

/**
 * The zone the user's quest day follows: their own (users.time_zone in D1), else the
 * workspace's. Cached in the object until the user picks another one (timeZoneChanged).
 */
export async function userZone(env: Env, sql: SqlStorage, userId: string, tenantId: string): Promise<string> {
  const cached = readMeta(sql, `zone:${tenantId}`);
  if (cached) return cached;
  const db = database(env.DB);
  const [user, tenant] = await Promise.all([
    db.query.users.findFirst({ where: eq(tables.users.id, userId), columns: { timeZone: true } }),
    db.query.tenants.findFirst({ where: eq(tables.tenants.id, tenantId), columns: { timeZone: true } }),
  ]);
  const zone = user?.timeZone ?? tenant?.timeZone ?? "UTC";
  writeMeta(sql, `zone:${tenantId}`, zone);
  return zone;
}

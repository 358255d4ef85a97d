import { and, eq } from "drizzle-orm";
import type { AuthContext, Env } from "../env";
import { database, tables } from "../db/client";
import { TtlCache } from "../lib/ttl-cache";
import type { Identity } from "./tokens";

const { memberships, users } = tables;

/**
 * How long an isolate may answer from its own copy of a membership. The isolate that makes a
 * change forgets its copy at once; other isolates see it within this bound.
 */
export const ACCESS_CACHE_MS = 3_000;

const cache = new TtlCache<AuthContext | null>(ACCESS_CACHE_MS);
const key = ({ tenantId, userId }: Identity) => `${tenantId}:${userId}`;

/**
 * What the holder of a token may do now: their membership's role and the users table's platform
 * flag, or null when they are no longer a member. `fresh` skips the cache (socket upgrades,
 * token refresh), where a few seconds of staleness would outlive the check.
 */
export function currentAccess(env: Env, identity: Identity, options: { fresh?: boolean } = {}): Promise<AuthContext | null> {
  if (options.fresh) return load(env, identity);
  return cache.get(key(identity), () => load(env, identity));
}

/** Called by whatever changes a membership, so this isolate never answers from the old one. */
export function forgetAccess(identity: Identity): void {
  cache.forget(key(identity));
}

async function load(env: Env, { userId, tenantId }: Identity): Promise<AuthContext | null> {
  const [row] = await database(env.DB)
    .select({ role: memberships.role, superadmin: users.isSuperadmin })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), eq(memberships.tenantId, tenantId)));
  return row ? { userId, tenantId, role: row.role, superadmin: row.superadmin } : null;
}

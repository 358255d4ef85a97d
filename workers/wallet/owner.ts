import { and, asc, eq, isNull } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { notFound } from "../http/problem";
import { userWallet } from "../../durable-objects/stubs";

const { wallets, memberships } = tables;

export interface WalletOwner {
  userId: string;
  /** Pinned in D1 (the wallet has been written to). */
  pinned: boolean;
  /** Credited at least once: paid actions are charged from then on. */
  funded: boolean;
}

// A pinned owner never changes, so it is cached for the isolate's life; an unpinned one only
// briefly (it becomes pinned on the wallet's first write, possibly in another isolate).
const UNPINNED_TTL_MS = 10_000;
const MAX_CACHED = 5_000;
const cache = new Map<string, { owner: WalletOwner; until: number }>();

/**
 * Who pays for a workspace: the user whose Wallet DO holds its money. Team members spend from
 * it. It is the founding owner (earliest owner membership) until the first write pins it.
 */
export async function walletOwner(env: Env, tenantId: string, now = Date.now()): Promise<WalletOwner> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > now) return hit.owner;
  const db = database(env.DB);
  const row = await db.query.wallets.findFirst({ where: eq(wallets.tenantId, tenantId), columns: { ownerUserId: true, fundedAt: true } });
  const owner = row ? { userId: row.ownerUserId, pinned: true, funded: row.fundedAt !== null } : await foundingOwner(env, tenantId);
  remember(tenantId, owner, now);
  return owner;
}

async function foundingOwner(env: Env, tenantId: string): Promise<WalletOwner> {
  const [founder] = await database(env.DB)
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!founder) throw notFound("Workspace");
  return { userId: founder.userId, pinned: false, funded: false };
}

function remember(tenantId: string, owner: WalletOwner, now: number): void {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(tenantId, { owner, until: owner.pinned && owner.funded ? Number.POSITIVE_INFINITY : now + UNPINNED_TTL_MS });
}

/** Whether the workspace's wallet was ever credited (paid actions are charged from then on). */
export async function walletFunded(env: Env, tenantId: string): Promise<boolean> {
  const hit = cache.get(tenantId);
  if (hit && hit.until > Date.now()) return hit.owner.funded;
  const row = await database(env.DB).query.wallets.findFirst({ where: eq(wallets.tenantId, tenantId), columns: { fundedAt: true } });
  return row?.fundedAt != null;
}

/** Pins the owner before the wallet's first write; `funded` marks its first credit. */
export async function pinWallet(env: Env, tenantId: string, options: { funded?: boolean } = {}): Promise<WalletOwner> {
  const owner = await walletOwner(env, tenantId);
  if (owner.pinned && (owner.funded || !options.funded)) return owner;
  const now = Date.now();
  const db = database(env.DB);
  await db.batch([
    db.insert(wallets).values({ tenantId, ownerUserId: owner.userId, createdAt: now, updatedAt: now }).onConflictDoNothing(),
    ...(options.funded
      ? [
          db
            .update(wallets)
            .set({ fundedAt: now, updatedAt: now })
            .where(and(eq(wallets.tenantId, tenantId), isNull(wallets.fundedAt))),
        ]
      : []),
  ]);
  cache.delete(tenantId);
  return walletOwner(env, tenantId);
}

/** The Wallet DO holding a workspace's money. */
export async function billingWallet(env: Env, tenantId: string) {
  const owner = await walletOwner(env, tenantId);
  return userWallet(env, owner.userId);
}

import { and, eq, gt, isNull } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId, newToken, sha256Hex } from "../lib/ids";

const { refreshSessions } = tables;

export interface IssuedRefresh {
  token: string;
  familyId: string;
  expiresAt: number;
}

export const REUSE_GRACE_MS = 10_000;
const ttlMs = (env: Env) => (Number(env.REFRESH_TOKEN_TTL_DAYS) || 30) * 86_400_000;

/** Opaque refresh tokens, stored only as SHA-256 hashes. */
export async function issueRefreshToken(env: Env, userId: string, tenantId: string, familyId = newId("fam")): Promise<IssuedRefresh> {
  const token = newToken();
  const now = Date.now();
  const expiresAt = now + ttlMs(env);
  await database(env.DB)
    .insert(refreshSessions)
    .values({
      id: newId("rs"),
      familyId,
      userId,
      tenantId,
      tokenHash: await sha256Hex(token),
      createdAt: now,
      expiresAt,
    });
  return { token, familyId, expiresAt };
}

export type RotateResult =
  | { ok: true; userId: string; tenantId: string; refresh: IssuedRefresh }
  | { ok: false; reason: "unknown" | "expired" | "reused" };

/**
 * Single-statement claim (UPDATE … WHERE used_at IS NULL … RETURNING) so two concurrent
 * refreshes with the same token cannot both win. Presenting an already-used token means it
 * leaked: the whole family is revoked.
 */
export async function rotateRefreshToken(env: Env, token: string): Promise<RotateResult> {
  const db = database(env.DB);
  const tokenHash = await sha256Hex(token);
  const now = Date.now();
  const [claimed] = await db
    .update(refreshSessions)
    .set({ usedAt: now })
    .where(
      and(
        eq(refreshSessions.tokenHash, tokenHash),
        isNull(refreshSessions.usedAt),
        isNull(refreshSessions.revokedAt),
        gt(refreshSessions.expiresAt, now),
      ),
    )
    .returning();
  if (claimed) {
    const refresh = await issueRefreshToken(env, claimed.userId, claimed.tenantId, claimed.familyId);
    return { ok: true, userId: claimed.userId, tenantId: claimed.tenantId, refresh };
  }
  const existing = await db.query.refreshSessions.findFirst({ where: eq(refreshSessions.tokenHash, tokenHash) });
  if (!existing) return { ok: false, reason: "unknown" };
  // A retry moments after a rotation whose response was lost (dropped connection, two tabs) is
  // not theft: it gets a fresh token in the same family instead of signing everyone out.
  if (existing.revokedAt === null && existing.usedAt !== null && now - existing.usedAt <= REUSE_GRACE_MS && existing.expiresAt > now) {
    const refresh = await issueRefreshToken(env, existing.userId, existing.tenantId, existing.familyId);
    return { ok: true, userId: existing.userId, tenantId: existing.tenantId, refresh };
  }
  if (existing.usedAt !== null || existing.revokedAt !== null) {
    await revokeFamily(env, existing.familyId);
    return { ok: false, reason: "reused" };
  }
  return { ok: false, reason: "expired" };
}

export async function revokeByToken(env: Env, token: string): Promise<void> {
  const existing = await database(env.DB).query.refreshSessions.findFirst({ where: eq(refreshSessions.tokenHash, await sha256Hex(token)) });
  if (existing) await revokeFamily(env, existing.familyId);
}

async function revokeFamily(env: Env, familyId: string): Promise<void> {
  await database(env.DB)
    .update(refreshSessions)
    .set({ revokedAt: Date.now() })
    .where(and(eq(refreshSessions.familyId, familyId), isNull(refreshSessions.revokedAt)));
}

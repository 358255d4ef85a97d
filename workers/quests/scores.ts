import { and, desc, eq, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";

const { questScores, memberships, users } = tables;

/** Written by the user's Wallet DO after each change; an older version never wins. */
export async function saveScore(
  env: Env,
  score: { tenantId: string; userId: string; points: number; streak: number; bestStreak: number; version: number },
): Promise<void> {
  await database(env.DB)
    .insert(questScores)
    .values({ ...score, updatedAt: Date.now() })
    .onConflictDoUpdate({
      target: [questScores.tenantId, questScores.userId],
      set: {
        points: sql`excluded.points`,
        streak: sql`excluded.streak`,
        bestStreak: sql`excluded.best_streak`,
        version: sql`excluded.version`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`excluded.version > ${questScores.version}`,
    });
}

/** A streak needs a completed quest at least every other day: after 3 quiet days it is over. */
const STREAK_LAPSES_AFTER_MS = 3 * 86_400_000;

/**
 * Every member of the workspace by points (members without any have 0), then streak. Scores
 * are written when something happens, so a streak nobody extended is shown as lapsed here.
 */
export async function leaderboard(env: Env, tenantId: string, now: number, limit = 50) {
  const points = sql<number>`coalesce(${questScores.points}, 0)`;
  const streak = sql<number>`CASE WHEN ${questScores.updatedAt} >= ${now - STREAK_LAPSES_AFTER_MS} THEN ${questScores.streak} ELSE 0 END`;
  const rows = await database(env.DB)
    .select({ userId: users.id, name: users.name, points, streak, bestStreak: sql<number>`coalesce(${questScores.bestStreak}, 0)` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(questScores, and(eq(questScores.tenantId, memberships.tenantId), eq(questScores.userId, memberships.userId)))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(desc(points), desc(streak), users.name)
    .limit(limit);
  return rows.map((row, i) => ({ rank: i + 1, ...row }));
}

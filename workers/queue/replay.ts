import { and, asc, inArray, isNull } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import type { QueueMessage } from "./messages";

const { deadLetters } = tables;

/** Re-sends parked messages to the events queue (oldest first) and marks them replayed. */
export async function replayDeadLetters(env: Env, limit = 50): Promise<{ replayed: number; remaining: number }> {
  const db = database(env.DB);
  const rows = await db.select().from(deadLetters).where(isNull(deadLetters.replayedAt)).orderBy(asc(deadLetters.createdAt)).limit(limit);
  if (rows.length) {
    await env.EVENTS.sendBatch(rows.map((row) => ({ body: row.body as QueueMessage, contentType: "json" as const })));
    await db
      .update(deadLetters)
      .set({ replayedAt: Date.now() })
      .where(
        and(
          inArray(
            deadLetters.id,
            rows.map((r) => r.id),
          ),
          isNull(deadLetters.replayedAt),
        ),
      );
  }
  return { replayed: rows.length, remaining: await db.$count(deadLetters, isNull(deadLetters.replayedAt)) };
}

export async function listDeadLetters(env: Env) {
  return database(env.DB).select().from(deadLetters).where(isNull(deadLetters.replayedAt)).orderBy(asc(deadLetters.createdAt)).limit(100);
}

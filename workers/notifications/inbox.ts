import { and, desc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";

const { notifications } = tables;
export type NotificationRow = typeof notifications.$inferSelect;

export const notificationView = (row: NotificationRow) => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: new Date(row.createdAt).toISOString(),
  readAt: row.readAt === null ? null : new Date(row.readAt).toISOString(),
});

export type NotificationView = ReturnType<typeof notificationView>;

/** One member's bell: newest first, `before` an id from the previous page (ids sort by time). */
export async function listInbox(env: Env, tenantId: string, userId: string, page: { before?: string; limit: number; unreadOnly: boolean }) {
  const conditions = [eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), eq(notifications.inApp, true)];
  if (page.before) conditions.push(lt(notifications.id, page.before));
  if (page.unreadOnly) conditions.push(isNull(notifications.readAt));
  const rows = await database(env.DB)
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.id))
    .limit(page.limit + 1);
  return { items: rows.slice(0, page.limit).map(notificationView), nextCursor: rows.length > page.limit ? rows[page.limit - 1]!.id : null };
}

/** Unread in-app notifications per member of the list. */
export async function unreadCounts(env: Env, tenantId: string, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await database(env.DB)
    .select({ userId: notifications.userId, n: sql<number>`count(*)` })
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, tenantId),
        inArray(notifications.userId, userIds),
        eq(notifications.inApp, true),
        isNull(notifications.readAt),
      ),
    )
    .groupBy(notifications.userId);
  return new Map(rows.map((r) => [r.userId, r.n]));
}

/** Marks the member's own notifications read (the listed ones, or all); returns how many changed. */
export async function markRead(env: Env, tenantId: string, userId: string, which: { ids: string[] } | { all: true }, now = Date.now()) {
  const mine = [eq(notifications.tenantId, tenantId), eq(notifications.userId, userId), isNull(notifications.readAt)];
  if ("ids" in which) mine.push(inArray(notifications.id, which.ids));
  const changed = await database(env.DB)
    .update(notifications)
    .set({ readAt: now })
    .where(and(...mine))
    .returning({ id: notifications.id });
  return changed.length;
}

import { and, eq, inArray } from "drizzle-orm";
import type { Env } from "../env";
import { activityFeed } from "../../durable-objects/stubs";
import { database, tables } from "../db/client";
import { log } from "../http/log";
import { newId } from "../lib/ids";
import { notifyPhone } from "../conversations/notify";
import { queueEmail } from "../outbox/email";
import type { NotificationEvent } from "./event";
import { notificationView, unreadCounts, type NotificationRow } from "./inbox";
import { inQuietHours } from "./quiet-hours";
import type { Recipient } from "./recipients";
import { recipientsOf } from "./recipients";
import { pushToMember } from "./push";
import { publishWaiting, startWait } from "./waiting";

const { notifications } = tables;

/**
 * The queue handler of notification.raise: one row per member (once per event key, so a
 * redelivered message adds nothing), the bell of every open dashboard updated at once, then
 * push, SMS and email as each member chose — outside their quiet hours.
 */
export async function fanOutNotification(env: Env, event: NotificationEvent): Promise<void> {
  if (event.waitingConversationId) await startWait(env, event.tenantId, event.waitingConversationId, event.key, event.at);
  const recipients = (await recipientsOf(env, event)).filter(({ choice }) => choice.inApp || choice.push || choice.sms || choice.email);
  if (recipients.length) {
    const rows = await storeRows(env, event, recipients);
    await deliverInApp(env, event.tenantId, rows);
    const byUser = new Map(rows.map((row) => [row.userId, row]));
    await Promise.all(
      recipients
        .filter((r) => !inQuietHours(event.at, r.timeZone, r.quietStart, r.quietEnd))
        .map((r) => deliverOutside(env, event, r, byUser.get(r.userId)!)),
    );
  }
  if (event.waitingConversationId) await publishWaiting(env, event.tenantId);
}

async function storeRows(env: Env, event: NotificationEvent, recipients: Recipient[]): Promise<NotificationRow[]> {
  const db = database(env.DB);
  const values = recipients.map((r) => ({
    id: newId("ntf", event.at),
    tenantId: event.tenantId,
    userId: r.userId,
    eventKey: event.key,
    kind: event.kind,
    title: event.title.slice(0, 200),
    body: event.body.slice(0, 1000),
    link: event.link,
    inApp: r.choice.inApp,
    createdAt: event.at,
  }));
  // One statement per row keeps each under D1's bound-parameter limit; the batch is one round trip.
  const [first, ...rest] = values.map((v) => db.insert(notifications).values(v).onConflictDoNothing());
  await db.batch([first!, ...rest]);
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.tenantId, event.tenantId),
        eq(notifications.eventKey, event.key),
        inArray(
          notifications.userId,
          recipients.map((r) => r.userId),
        ),
      ),
    );
}

async function deliverInApp(env: Env, tenantId: string, rows: NotificationRow[]): Promise<void> {
  const shown = rows.filter((row) => row.inApp);
  if (!shown.length) return;
  try {
    const unread = await unreadCounts(
      env,
      tenantId,
      shown.map((row) => row.userId),
    );
    await activityFeed(env, tenantId).notifyMembers(
      tenantId,
      shown.map((row) => ({
        userId: row.userId,
        message: { type: "notification", notification: notificationView(row), unread: unread.get(row.userId) ?? 0 },
      })),
    );
  } catch (err) {
    // The rows are stored: a dashboard that missed the live message reads them on its next fetch.
    log("warn", "in-app notification not sent live", { tenantId, error: err instanceof Error ? err.message : String(err) });
  }
}

/** Push, SMS and email for one member. SMS and email are outbox rows keyed per member and event, so a retry sends nothing twice. */
async function deliverOutside(env: Env, event: NotificationEvent, recipient: Recipient, row: NotificationRow): Promise<void> {
  const key = `notify:${event.key}:${recipient.userId}`;
  const { choice } = recipient;
  if (choice.push && row.pushedAt === null) await pushToMember(env, row);
  if (choice.sms && recipient.smsPhone)
    await notifyPhone(env, event.tenantId, recipient.smsPhone, `${event.title}. ${event.body}`, `${key}:sms`);
  if (choice.email)
    await queueEmail(env, {
      tenantId: event.tenantId,
      idempotencyKey: `${key}:email`,
      to: recipient.email,
      subject: event.title,
      body: `${event.body}\n${event.link ? `\nOpen it in Homeline: ${env.WEB_ORIGIN}${event.link}\n` : ""}`,
      billable: false,
    });
}

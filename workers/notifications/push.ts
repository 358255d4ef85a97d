import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { log } from "../http/log";
import { notificationView, type NotificationRow } from "./inbox";
import { sendWebPush, vapidKeys } from "./web-push/send";

const { notifications, pushSubscriptions } = tables;
const DEFAULT_SUBJECT = "mailto:alerts@homeline.app";

/**
 * The notification to every browser the member subscribed. Subscriptions the push service
 * says are gone are deleted; the row is marked pushed once any browser took it.
 */
export async function pushToMember(env: Env, row: NotificationRow): Promise<void> {
  const keys = vapidKeys(env);
  if (!keys) return;
  const db = database(env.DB);
  const targets = await db.query.pushSubscriptions.findMany({
    where: and(eq(pushSubscriptions.tenantId, row.tenantId), eq(pushSubscriptions.userId, row.userId)),
  });
  if (!targets.length) return;
  const payload = notificationView(row);
  const outcomes = await Promise.all(
    targets.map(async (target) => {
      try {
        const outcome = await sendWebPush(keys, env.VAPID_SUBJECT ?? DEFAULT_SUBJECT, target, payload);
        if (outcome === "gone") await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, target.id));
        return outcome;
      } catch (err) {
        log("warn", "push not sent", { tenantId: row.tenantId, error: err instanceof Error ? err.message : String(err) });
        return "failed" as const;
      }
    }),
  );
  if (outcomes.includes("sent")) await db.update(notifications).set({ pushedAt: Date.now() }).where(eq(notifications.id, row.id));
}

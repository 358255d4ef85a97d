import type { Env } from "../env";
import { log } from "../http/log";
import { enqueue } from "../queue/messages";
import type { NotificationEvent } from "./event";

/**
 * The one way anything tells members about an event: one queue message, fanned out later
 * (workers/notifications/fan-out.ts). Raising never throws into the flow that raised it.
 */
export async function raiseNotification(env: Env, event: Omit<NotificationEvent, "at"> & { at?: number }): Promise<void> {
  try {
    await enqueue(env, { kind: "notification.raise", event: { ...event, at: event.at ?? Date.now() } });
  } catch (err) {
    log("error", "notification not raised", {
      tenantId: event.tenantId,
      key: event.key,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}

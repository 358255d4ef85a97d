import type { Env } from "../env";
import type { SocketLocation } from "../../durable-objects/lib/socket-directory";

import { log } from "../http/log";

import { forgetAccess } from "./access";
import type { Identity } from "./tokens";
import { activityFeed, callSession, scanProgress, userWallet } from "../../durable-objects/stubs";

/**
 * After a membership was removed or its role changed (already written to D1): this isolate
 * forgets the old access, and every socket the member holds is closed — the activity feed's,
 * then each object the feed's directory lists. Sockets opened under the old role would
 * otherwise keep streaming until the member closes the tab.
 */
export async function revokeAccess(env: Env, identity: Identity): Promise<void> {
  forgetAccess(identity);
  const { tenantId, userId } = identity;
  try {
    const elsewhere = await activityFeed(env, tenantId).closeMember(tenantId, userId);
    await Promise.all(elsewhere.map((location) => socketObject(env, location).closeMember(tenantId, userId)));
  } catch (err) {
    // The membership change stands; the sockets' next ticket is refused, and this is worth an alert.
    log("error", "sockets not closed after an access change", {
      tenantId,
      userId,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}

function socketObject(env: Env, { channel, name }: SocketLocation) {
  if (channel === "wallet") return userWallet(env, name);
  if (channel === "calls") return callSession(env, name);
  return scanProgress(env, name);
}

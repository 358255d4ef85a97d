import type { Env } from "../env";
import type { DomainEvent } from "../events/domain";
import { creditWallet } from "../wallet/ledger";
import { billingWallet } from "../wallet/owner";
import { STREAK_REWARD } from "./catalog";
import { userWallet } from "../../durable-objects/stubs";

/**
 * The queue's `domain.events`: each member's events go to their own Wallet DO (quests,
 * points, streak). Streak milestones credit the workspace's wallet (keyed by member and day,
 * so a redelivery credits nothing more), and the change goes live to the member's tabs and
 * the workspace's leaderboards through the object that holds their sockets.
 */
export async function applyDomainEvents(env: Env, events: DomainEvent[]): Promise<void> {
  const byMember = Map.groupBy(events, (e) => `${e.tenantId} ${e.actorId}`);
  for (const group of byMember.values()) {
    const { tenantId, actorId } = group[0]!;
    const result = await userWallet(env, actorId).recordEvents(actorId, tenantId, group);
    for (const day of result.milestones) {
      await creditWallet(env, tenantId, {
        key: `reward:streak:${actorId}:${day}`,
        type: "reward",
        credits: STREAK_REWARD.credits,
        reference: `streak:${day}`,
        actorId,
        data: { reason: `Streak milestone (every ${STREAK_REWARD.everyDays} days)` },
      });
    }
    if (!result.changed) continue;
    const sockets = await billingWallet(env, tenantId);
    await sockets.push(tenantId, { type: "quests", quests: result.snapshot }, actorId);
    await sockets.push(tenantId, { type: "leaderboard" });
  }
}

import type { Env } from "../env";
import { log } from "../http/log";
import { publishDomainEvents, type DomainEvent } from "../events/domain";
import type { Actor, LeadRow } from "./rows";

/**
 * The one hook after a committed lead write: turns what a member did (created a lead, moved
 * one to contacted, booked, won …) into domain events. Nothing for writes without a member
 * (imports, the AI). A failure here never fails the write that already happened.
 */
export async function publishLeadChanges(
  env: Env,
  tenantId: string,
  actor: Actor,
  changes: { before: LeadRow | null; after: LeadRow }[],
  at: number,
): Promise<void> {
  if (!actor.id) return;
  const actorId = actor.id;
  const events: DomainEvent[] = changes.flatMap(({ before, after }): DomainEvent[] => {
    if (!before) return [{ type: "lead.created", tenantId, actorId, subject: after.id, at }];
    if (before.status === after.status) return [];
    return [
      {
        type: "lead.status_changed",
        tenantId,
        actorId,
        subject: after.id,
        at,
        data: { from: before.status, to: after.status, hot: after.hot },
      },
    ];
  });
  if (!events.length) return;
  await publishDomainEvents(env, events).catch((err: unknown) =>
    log("warn", "domain events not published", { tenantId, count: events.length, error: err instanceof Error ? err.message : String(err) }),
  );
}

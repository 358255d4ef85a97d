import type { Env, WaitUntil } from "./env";
import type { LeadView } from "./leads/model";
import { log } from "./http/log";
import { newId } from "./lib/ids";
import { activityFeed } from "../durable-objects/stubs";

export interface ActivityEvent {
  /** Unique and time-sortable, so a client can drop an event it already has. */
  id: string;
  type: string;
  at: string;
  actor: { id: string | null; name: string | null };
  lead?: Pick<LeadView, "id" | "name" | "status" | "score" | "hot" | "source">;
  count?: number;
}

export const leadSummary = (lead: LeadView) => ({
  id: lead.id,
  name: lead.name,
  status: lead.status,
  score: lead.score,
  hot: lead.hot,
  source: lead.source,
});

/** Fans the event out to the tenant's open dashboards after the response is sent. */
export function publishActivity(env: Env, ctx: WaitUntil, tenantId: string, event: Omit<ActivityEvent, "at" | "id">): void {
  const now = Date.now();
  ctx.waitUntil(
    activityFeed(env, tenantId)
      .publish({ ...event, id: newId("act", now), at: new Date(now).toISOString() })
      .catch((err: unknown) =>
        log("warn", "activity publish failed", { tenantId, error: err instanceof Error ? err.message : String(err) }),
      ),
  );
}

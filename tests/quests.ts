import type { DomainEvent } from "../workers/events/domain";
import type { QuestDefinition } from "../workers/quests/catalog";

const SAMPLE_EVENTS: Record<string, Omit<DomainEvent, "tenantId" | "actorId" | "subject" | "at">> = {
  "reply-3": { type: "lead.status_changed", data: { from: "new", to: "contacted" } },
  "qualify-2": { type: "lead.status_changed", data: { from: "contacted", to: "qualified" } },
  "add-3": { type: "lead.created" },
  "book-job": { type: "lead.status_changed", data: { from: "qualified", to: "booked" } },
  "win-job": { type: "lead.status_changed", data: { from: "booked", to: "won" } },
  "run-scan": { type: "scan.completed" },
  "call-hot": { type: "call.completed", data: { hot: true } },
};

/** Domain events that move `quest` forward, each about a different lead, at `at`; by default enough to complete it. */
export function eventsFor(quest: QuestDefinition, tenantId: string, actorId: string, at: number, count = quest.target): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => ({ ...SAMPLE_EVENTS[quest.id]!, tenantId, actorId, subject: `lead_${at}_${i}`, at }));
}

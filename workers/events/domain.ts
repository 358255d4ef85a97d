import type { Env } from "../env";

/**
 * Things members do that the rest of the app reacts to (quests today; notifications and
 * reports later). Producers publish once; delivery is at least once through the EVENTS queue,
 * so consumers dedupe on what an event is about, never on how often it arrives.
 */
export type DomainEventType =
  | "lead.created"
  | "lead.status_changed"
  | "message.sent"
  | "booking.created"
  | "scan.completed"
  | "call.completed";

export interface DomainEvent {
  type: DomainEventType;
  tenantId: string;
  /** The member who did it; events without one (the AI, an import) earn nobody anything. */
  actorId: string;
  /** What it is about: a lead, scan or call id. */
  subject: string;
  at: number;
  data?: { from?: string; to?: string; hot?: boolean };
}

/** Queue messages stay far below the 128 KB limit at this many events each. */
const EVENTS_PER_MESSAGE = 200;

export async function publishDomainEvents(env: Env, events: DomainEvent[]): Promise<void> {
  const messages = [];
  for (let i = 0; i < events.length; i += EVENTS_PER_MESSAGE) {
    messages.push({
      body: { kind: "domain.events" as const, events: events.slice(i, i + EVENTS_PER_MESSAGE) },
      contentType: "json" as const,
    });
  }
  for (let i = 0; i < messages.length; i += 100) await env.EVENTS.sendBatch(messages.slice(i, i + 100));
}

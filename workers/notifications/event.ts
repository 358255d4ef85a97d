import type { NotificationKind } from "./kinds";

/** One thing that happened, to be told to members: raised once per `key`, whatever retries follow. */
export interface NotificationEvent {
  tenantId: string;
  /** Idempotency key of the event (e.g. `handoff:<conversation>:<message>`): the same key never notifies twice. */
  key: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** In-app path it opens. */
  link: string | null;
  /** "owners": only workspace owners (escalations); otherwise every member. */
  audience?: "members" | "owners";
  /** The member who caused it hears nothing about their own action. */
  actorUserId?: string | null;
  /** A hand-off starts the conversation's wait (sidebar count, escalation). */
  waitingConversationId?: string;
  at: number;
}

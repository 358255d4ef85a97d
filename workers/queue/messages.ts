/** Every message on the EVENTS queue. Later capabilities add their kinds here. */
export type QueueMessage =
  | { kind: "outbox.send"; outboxId: string }
  // A verified webhook stored in inbound_events (WhatsApp or Twilio), to hand to its Conversation
  // objects; orderKey (channel + contact) keeps one contact's events in order in the consumer.
  | { kind: "inbound.event"; eventId: string; orderKey?: string }
  // A verified Stripe webhook stored in stripe_events, to apply to its wallet.
  | { kind: "stripe.event"; eventId: string }
  // An auto-recharge the Wallet DO started: charge the saved card once (the key is Stripe's idempotency key).
  | { kind: "wallet.recharge"; tenantId: string; attemptKey: string }
  // A call ended without a booking (refused, transfer unanswered, hung up): text the caller once.
  | { kind: "call.text_back"; tenantId: string; callId: string }
  // A voicemail Twilio recorded: fetch it into R2 and transcribe it where a key allows.
  | { kind: "call.voicemail"; tenantId: string; callId: string; recordingUrl: string; recordingSid: string; seconds: number }
  // What members did (workers/events/domain.ts), for quests and streaks.
  | { kind: "domain.events"; events: import("../events/domain").DomainEvent[] }
  // Something members are told about (workers/notifications/raise.ts), fanned out to each member's channels.
  | { kind: "notification.raise"; event: import("../notifications/event").NotificationEvent };

export async function enqueue(env: { EVENTS: Queue<QueueMessage> }, message: QueueMessage): Promise<void> {
  await env.EVENTS.send(message, { contentType: "json" });
}

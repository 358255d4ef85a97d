import type { Env } from "../env";
import { deliverOutboxMessage } from "../outbox/deliver";
import { processInboundEvent } from "../conversations/process-event";
import { processStripeEvent } from "../wallet/stripe-events";
import { runRecharge } from "../wallet/auto-recharge";
import { applyDomainEvents } from "../quests/apply-events";
import { fanOutNotification } from "../notifications/fan-out";
import type { QueueMessage } from "./messages";
import { sendTextBack } from "../voice/missed-call/text-back";
import { storeVoicemail } from "../voice/missed-call/voicemail";

type Handler<K extends QueueMessage["kind"]> = (env: Env, message: Extract<QueueMessage, { kind: K }>) => Promise<void>;

/** One handler per message kind; the type forces every kind to have one. */
export const handlers: { [K in QueueMessage["kind"]]: Handler<K> } = {
  "outbox.send": (env, message) => deliverOutboxMessage(env, message.outboxId),
  "inbound.event": (env, message) => processInboundEvent(env, message.eventId),
  "stripe.event": (env, message) => processStripeEvent(env, message.eventId),
  "wallet.recharge": (env, message) => runRecharge(env, message.tenantId, message.attemptKey),
  "domain.events": (env, message) => applyDomainEvents(env, message.events),
  "call.text_back": (env, message) => sendTextBack(env, message),
  "call.voicemail": (env, message) => storeVoicemail(env, message),
  "notification.raise": (env, message) => fanOutNotification(env, message.event),
};

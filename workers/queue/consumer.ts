import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { log } from "../http/log";
import { handlers } from "./handlers";
import type { QueueMessage } from "./messages";

export const EVENTS_QUEUE = "homeline-events";
export const DEAD_LETTER_QUEUE = "homeline-events-dlq";
const MAX_BACKOFF_SECONDS = 300;

/** Exponential backoff: 2, 4, 8 … seconds, capped at five minutes. */
export const backoffSeconds = (attempts: number) => Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.max(1, attempts));

/**
 * Messages that must keep their order share a key: one contact's webhook events (so the
 * Conversation object sees them as they came) and everything without a key of its own.
 * Different keys run concurrently, which is what lets one batch of many contacts finish fast.
 */
function orderingKey(body: QueueMessage): string {
  if (body?.kind === "inbound.event") return `inbound:${body.orderKey ?? body.eventId}`;
  if (body?.kind === "outbox.send") return `outbox:${body.outboxId}`;
  if (body?.kind === "notification.raise") return `notify:${body.event.key}`;
  return "in-order";
}

export async function consumeBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return storeDeadLetters(batch, env);
  const groups = new Map<string, Message<unknown>[]>();
  for (const message of batch.messages) {
    const key = orderingKey(message.body as QueueMessage);
    groups.set(key, [...(groups.get(key) ?? []), message]);
  }
  await Promise.all(
    [...groups].map(async ([key, messages]) => {
      for (const [i, message] of messages.entries()) {
        const ok = await consumeOne(batch.queue, env, message);
        // A contact's later events wait for the failed one, so they are never applied out of order.
        if (!ok && key.startsWith("inbound:")) {
          for (const later of messages.slice(i + 1)) later.retry({ delaySeconds: backoffSeconds(message.attempts) });
          return;
        }
      }
    }),
  );
}

/** Handles one message; false when it failed and was scheduled for a retry. */
async function consumeOne(queue: string, env: Env, message: Message<unknown>): Promise<boolean> {
  const body = message.body as QueueMessage;
  const handler = handlers[body?.kind] as ((env: Env, message: QueueMessage) => Promise<void>) | undefined;
  if (!handler) {
    // Unknown kinds cannot succeed by retrying; park them for a human.
    log("error", "queue message of unknown kind", { queue, messageId: message.id });
    await insertDeadLetter(env, queue, message.body, message.attempts);
    message.ack();
    return true;
  }
  try {
    await handler(env, body);
    message.ack();
    return true;
  } catch (err) {
    log("warn", "queue message failed; retrying", {
      queue,
      kind: body.kind,
      messageId: message.id,
      attempts: message.attempts,
      error: err instanceof Error ? err.message : String(err),
    });
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    return false;
  }
}

/** Messages that exhausted their retries land here and are kept in D1 until replayed. */
async function storeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const message of batch.messages) {
    await insertDeadLetter(env, EVENTS_QUEUE, message.body, message.attempts);
    message.ack();
  }
}

async function insertDeadLetter(env: Env, queue: string, body: unknown, attempts: number): Promise<void> {
  await database(env.DB)
    .insert(tables.deadLetters)
    .values({ id: newId("dlq"), queue, body, attempts, createdAt: Date.now() });
}

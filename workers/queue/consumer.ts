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

export async function consumeBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return storeDeadLetters(batch, env);
  for (const message of batch.messages) {
    const body = message.body as QueueMessage;
    const handler = handlers[body?.kind] as ((env: Env, message: QueueMessage) => Promise<void>) | undefined;
    if (!handler) {
      // Unknown kinds cannot succeed by retrying; park them for a human.
      log("error", "queue message of unknown kind", { queue: batch.queue, messageId: message.id });
      await insertDeadLetter(env, batch.queue, message.body, message.attempts);
      message.ack();
      continue;
    }
    try {
      await handler(env, body);
      message.ack();
    } catch (err) {
      log("warn", "queue message failed; retrying", { queue: batch.queue, kind: body.kind, messageId: message.id, attempts: message.attempts, error: err instanceof Error ? err.message : String(err) });
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
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
  await database(env.DB).insert(tables.deadLetters).values({ id: newId("dlq"), queue, body, attempts, createdAt: Date.now() });
}

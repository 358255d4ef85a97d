import type { Env } from "../env";

/** Every message on the EVENTS queue. Later capabilities add their kinds here. */
export type QueueMessage = { kind: "outbox.send"; outboxId: string };

export async function enqueue(env: Env, message: QueueMessage): Promise<void> {
  await env.EVENTS.send(message, { contentType: "json" });
}

import type { Env } from "../env";
import { deliverOutboxMessage } from "../outbox/deliver";
import type { QueueMessage } from "./messages";

type Handler<K extends QueueMessage["kind"]> = (env: Env, message: Extract<QueueMessage, { kind: K }>) => Promise<void>;

/** One handler per message kind; the type forces every kind to have one. */
export const handlers: { [K in QueueMessage["kind"]]: Handler<K> } = {
  "outbox.send": (env, message) => deliverOutboxMessage(env, message.outboxId),
};

import type { Env } from "../env";
import type { tables } from "../db/client";
import { emailProvider } from "../providers/email";
import { messagingSender } from "./messaging";

export type OutboxRow = typeof tables.outbox.$inferSelect;

/** How one outbox row is sent, and what its channel does after success or a failure. */
export interface OutboxSender {
  readonly name: string;
  readonly simulated: boolean;
  send(): Promise<{ providerMessageId: string }>;
  onSent?(providerMessageId: string): Promise<void>;
  onFailed?(error: unknown, permanent: boolean): Promise<void>;
}

export function outboxSender(env: Env, row: OutboxRow): OutboxSender {
  if (row.channel === "whatsapp" || row.channel === "sms") return messagingSender(env, row);
  const provider = emailProvider(env);
  return {
    name: provider.name,
    simulated: provider.simulated,
    send: () => provider.send({ to: row.recipient, subject: row.subject ?? "", body: row.body, idempotencyKey: row.idempotencyKey }),
  };
}

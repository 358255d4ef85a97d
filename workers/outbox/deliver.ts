import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { PermanentSendError } from "../providers/email/provider";
import { outboxSender, type OutboxSender } from "./senders";
import { withWalletCharge } from "../wallet/outbox-charge";

const { outbox } = tables;

/**
 * Sends one outbox row. Already-final rows are skipped, so a redelivered queue message never
 * sends twice; transient failures throw so the queue retries with backoff.
 */
export async function deliverOutboxMessage(env: Env, outboxId: string): Promise<void> {
  const db = database(env.DB);
  const row = await db.query.outbox.findFirst({ where: eq(outbox.id, outboxId) });
  if (!row || row.status === "sent" || row.status === "simulated" || row.status === "failed") return;
  const attempts = row.attempts + 1;
  let sender: OutboxSender | undefined;
  let sentAs: string | undefined;
  try {
    sender = withWalletCharge(env, row, attempts, outboxSender(env, row));
    const { providerMessageId } = await sender.send();
    await db
      .update(outbox)
      .set({
        status: sender.simulated ? "simulated" : "sent",
        provider: sender.name,
        providerMessageId,
        attempts,
        lastError: null,
        updatedAt: Date.now(),
      })
      .where(eq(outbox.id, outboxId));
    sentAs = providerMessageId;
  } catch (err) {
    const permanent = err instanceof PermanentSendError;
    await db
      .update(outbox)
      .set({
        status: permanent ? "failed" : "retrying",
        attempts,
        lastError: err instanceof Error ? err.message : String(err),
        updatedAt: Date.now(),
      })
      .where(eq(outbox.id, outboxId));
    await sender?.onFailed?.(err, permanent);
    if (!permanent) throw err;
  }
  // Outside the try: the message is out, so a failure from here on must not mark it for a resend.
  if (sentAs !== undefined) await sender?.onSent?.(sentAs);
}

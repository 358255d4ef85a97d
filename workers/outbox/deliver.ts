import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { emailProvider } from "../providers/email";
import { PermanentSendError } from "../providers/email/provider";

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
  try {
    const provider = emailProvider(env);
    const { providerMessageId } = await provider.send({ to: row.recipient, subject: row.subject ?? "", body: row.body, idempotencyKey: row.idempotencyKey });
    await db.update(outbox).set({ status: provider.simulated ? "simulated" : "sent", provider: provider.name, providerMessageId, attempts, lastError: null, updatedAt: Date.now() }).where(eq(outbox.id, outboxId));
  } catch (err) {
    const permanent = err instanceof PermanentSendError;
    await db.update(outbox).set({ status: permanent ? "failed" : "retrying", attempts, lastError: err instanceof Error ? err.message : String(err), updatedAt: Date.now() }).where(eq(outbox.id, outboxId));
    if (!permanent) throw err;
  }
}

import { and, eq, inArray } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { PermanentSendError } from "../providers/email/provider";
import { outboxSender, type OutboxSender } from "./senders";
import { withWalletCharge } from "../wallet/outbox-charge";

const { outbox } = tables;

/** Longer than any provider call: an attempt claimed this long ago without an outcome has died. */
export const ATTEMPT_LEASE_MS = 60_000;

/** Another delivery of the same row is sending it right now: the queue retries this one later. */
export class AttemptInProgress extends Error {}

/**
 * Sends one outbox row. Already-final rows are skipped, and each attempt is claimed first
 * (attempts + 1 where attempts is still what was read), so of two queue messages for one row —
 * a redelivery, a retried turn, a recovery — only one sends. A row `queued` with attempts > 0
 * is an attempt under way (or one that died: its lease runs out, or a restart releases it).
 * Transient failures throw so the queue retries with backoff.
 */
export async function deliverOutboxMessage(env: Env, outboxId: string): Promise<void> {
  const db = database(env.DB);
  const row = await db.query.outbox.findFirst({ where: eq(outbox.id, outboxId) });
  if (!row || row.status === "sent" || row.status === "simulated" || row.status === "failed") return;
  if (row.status === "queued" && row.attempts > 0 && Date.now() - row.updatedAt < ATTEMPT_LEASE_MS)
    throw new AttemptInProgress(`Outbox message ${outboxId} is being sent by another delivery.`);
  const attempts = row.attempts + 1;
  const claimed = await db
    .update(outbox)
    .set({ status: "queued", attempts, updatedAt: Date.now() })
    .where(and(eq(outbox.id, outboxId), eq(outbox.attempts, row.attempts), inArray(outbox.status, ["queued", "retrying"])))
    .returning({ id: outbox.id });
  if (!claimed.length) return; // another delivery claimed this attempt first
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

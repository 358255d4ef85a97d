import { and, eq, lt, or, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { PermanentSendError } from "../providers/email/provider";
import { outboxSender, type OutboxSender } from "./senders";
import { withWalletCharge } from "../wallet/outbox-charge";
import { ProviderRejection, WINDOW_CLOSED } from "../providers/whatsapp/provider";
import { alertMessageFailed, failedMessage } from "../notifications/alerts";

const { outbox } = tables;

/** Longer than any provider call: an attempt claimed this long ago without an outcome has died. */
export const ATTEMPT_LEASE_MS = 60_000;

/** Another delivery of the same row is sending it right now: the queue retries this one later. */
export class AttemptInProgress extends Error {}

/**
 * Sends one outbox row. Each attempt is claimed first, in one statement that also reads the row
 * (attempts + 1, unless another delivery holds it), so of two queue messages for one row — a
 * redelivery, a retried turn, a recovery — only one sends. A row `queued` with attempts > 0 is an
 * attempt under way, or one that died: its lease runs out, or a restart releases it. Final rows
 * are skipped; transient failures throw so the queue retries with backoff.
 */
export async function deliverOutboxMessage(env: Env, outboxId: string): Promise<void> {
  const db = database(env.DB);
  const now = Date.now();
  const [row] = await db
    .update(outbox)
    .set({ status: "queued", attempts: sql`${outbox.attempts} + 1`, updatedAt: now })
    .where(
      and(
        eq(outbox.id, outboxId),
        or(
          eq(outbox.status, "retrying"),
          and(eq(outbox.status, "queued"), or(eq(outbox.attempts, 0), lt(outbox.updatedAt, now - ATTEMPT_LEASE_MS))),
        ),
      ),
    )
    .returning();
  if (!row) {
    const current = await db.query.outbox.findFirst({ where: eq(outbox.id, outboxId), columns: { status: true } });
    if (current?.status === "queued") throw new AttemptInProgress(`Outbox message ${outboxId} is being sent by another delivery.`);
    return; // sent, failed for good, or gone
  }
  const { attempts } = row;
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
    if (permanent && !(err instanceof ProviderRejection && err.code === WINDOW_CLOSED))
      await alertMessageFailed(env, failedMessage(row, err));
    if (!permanent) throw err;
  }
  // Outside the try: the message is out, so a failure from here on must not mark it for a resend.
  if (sentAs !== undefined) await sender?.onSent?.(sentAs);
}

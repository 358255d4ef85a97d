import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { enqueue } from "../queue/messages";

/**
 * Stores the email in the outbox (once per idempotency key) and queues its delivery. Workspace
 * notices (invites, wallet alerts) say `billable: false`; other email is charged to the wallet.
 */
export async function queueEmail(
  env: Env,
  input: { tenantId: string; idempotencyKey: string; to: string; subject: string; body: string; billable?: boolean },
): Promise<void> {
  const now = Date.now();
  const id = newId("out");
  const inserted = await database(env.DB)
    .insert(tables.outbox)
    .values({
      id,
      tenantId: input.tenantId,
      channel: "email",
      recipient: input.to,
      subject: input.subject,
      body: input.body,
      billable: input.billable ?? true,
      status: "queued",
      provider: "pending",
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: tables.outbox.id });
  if (inserted.length) await enqueue(env, { kind: "outbox.send", outboxId: id });
}

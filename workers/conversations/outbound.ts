import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { enqueue } from "../queue/messages";
import type { ChannelRow } from "./channels";
import { isOptedOut } from "./consent";
import type { RenderedMessage } from "./render";
import { messageRow } from "./store";

export const WINDOW_MS = 24 * 60 * 60_000;

export interface OutboundTarget {
  tenantId: string;
  channel: ChannelRow;
  /** Provider address of the recipient: wa_id, E.164, or whatsapp:+E164 through Twilio. */
  to: string;
  conversationId: string | null;
}

/** Twilio sends WhatsApp to "whatsapp:+E164" recipients from the "whatsapp:" form of its number. */
function senderFor(channel: ChannelRow, to: string): string {
  return channel.kind === "sms" && to.startsWith("whatsapp:") ? `whatsapp:${channel.address}` : channel.address;
}

/**
 * Queues one outbound message: an outbox row (once per idempotency key) and, inside a
 * conversation, its message row, in one batch. A number that opted out gets nothing: the row
 * is stored as failed with the reason, so the inbox shows what was held back.
 */
export async function queueOutbound(
  env: Env,
  target: OutboundTarget,
  message: RenderedMessage,
  options: { idempotencyKey: string; author: "ai" | "agent" | "system"; now?: number },
): Promise<{ outboxId: string; messageId: string | null; queued: boolean }> {
  const now = options.now ?? Date.now();
  const db = database(env.DB);
  const optedOut = await isOptedOut(env, target.tenantId, target.to);
  const outboxId = newId("out", now);
  const status = optedOut ? "failed" : "queued";
  const inserted = await db
    .insert(tables.outbox)
    .values({
      id: outboxId,
      tenantId: target.tenantId,
      channel: target.channel.kind,
      recipient: target.to,
      sender: senderFor(target.channel, target.to),
      body: message.body,
      payload: message.payload,
      conversationId: target.conversationId,
      status,
      provider: "pending",
      lastError: optedOut ? "Recipient opted out (STOP); not sent." : null,
      idempotencyKey: options.idempotencyKey,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: tables.outbox.id });
  // Already queued under this key (a retried turn): a message row lost in between is restored.
  const existing = inserted.length
    ? null
    : await db.query.outbox.findFirst({
        where: and(eq(tables.outbox.tenantId, target.tenantId), eq(tables.outbox.idempotencyKey, options.idempotencyKey)),
        columns: { id: true, status: true },
      });
  const id = existing?.id ?? outboxId;
  let messageId: string | null = null;
  if (target.conversationId) {
    const known =
      existing &&
      (await db.query.messages.findFirst({
        where: and(eq(tables.messages.tenantId, target.tenantId), eq(tables.messages.outboxId, id)),
        columns: { id: true },
      }));
    messageId = known?.id ?? null;
    if (!known) {
      const row = messageRow({
        tenantId: target.tenantId,
        conversationId: target.conversationId,
        direction: "out",
        author: options.author,
        kind: message.kind,
        body: message.body,
        payload: message.payload,
        outboxId: id,
        status: existing?.status ?? status,
        createdAt: now,
        ...(optedOut ? { errorCode: "opted_out" } : {}),
      });
      await db.insert(tables.messages).values(row);
      messageId = row.id;
    }
  }
  // A retried turn whose reply is still queued queues it again: its first queue message may have
  // died with the turn (a crash); if not, the delivery's claim lets only one of the two send.
  if (!optedOut && (!existing || existing.status === "queued")) await enqueue(env, { kind: "outbox.send", outboxId: id });
  return { outboxId: id, messageId, queued: !existing && !optedOut };
}

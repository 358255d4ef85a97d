import { and, eq, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { STATUS_RANK, type InboundStatus } from "./inbound";

const { conversations, messages } = tables;

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

/** The conversation row of a contact on a channel, created on first contact. */
export async function openConversation(
  env: Env,
  init: {
    tenantId: string;
    channelId: string;
    channel: "whatsapp" | "sms";
    contactAddress: string;
    contactPhone: string | null;
    contactName: string | null;
    now: number;
  },
): Promise<ConversationRow> {
  const db = database(env.DB);
  const { now, ...fields } = init;
  await db
    .insert(conversations)
    .values({ id: newId("cnv", now), ...fields, stage: "collecting", mode: "ai", lastMessageAt: now, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  const row = await db.query.conversations.findFirst({
    where: and(
      eq(conversations.tenantId, init.tenantId),
      eq(conversations.channelId, init.channelId),
      eq(conversations.contactAddress, init.contactAddress),
    ),
  });
  return row!;
}

export async function updateConversation(
  env: Env,
  tenantId: string,
  id: string,
  fields: Partial<Omit<ConversationRow, "id" | "tenantId">>,
): Promise<void> {
  await database(env.DB)
    .update(conversations)
    .set({ ...fields, updatedAt: Date.now() })
    .where(and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)));
}

export function messageRow(
  fields: Omit<MessageRow, "id" | "payload" | "mediaKey" | "mediaType" | "providerMessageId" | "outboxId" | "statusAt" | "errorCode"> &
    Partial<MessageRow>,
): MessageRow {
  return {
    id: newId("msg", fields.createdAt),
    payload: null,
    mediaKey: null,
    mediaType: null,
    providerMessageId: null,
    outboxId: null,
    statusAt: null,
    errorCode: null,
    ...fields,
  };
}

/** Stores an inbound message once per provider id; false when it was already there. */
export async function recordInbound(env: Env, row: MessageRow): Promise<boolean> {
  const inserted = await database(env.DB).insert(messages).values(row).onConflictDoNothing().returning({ id: messages.id });
  return inserted.length > 0;
}

/** What the app learned from a message after storing it (a voice note's transcript, a photo's description). */
export async function setMessagePayload(env: Env, tenantId: string, messageId: string, payload: Record<string, unknown>): Promise<void> {
  await database(env.DB)
    .update(messages)
    .set({ payload })
    .where(and(eq(messages.tenantId, tenantId), eq(messages.id, messageId)));
}

/**
 * Applies a delivery status in timestamp order: an update older than the one applied last is
 * ignored, and at the same instant the further status (read after delivered) wins. Returns the
 * message when the status was applied.
 */
export async function applyDeliveryStatus(env: Env, tenantId: string, status: InboundStatus): Promise<MessageRow | null> {
  const rank = STATUS_RANK[status.status];
  const rankSql = sql`CASE ${messages.status} WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END`;
  const [row] = await database(env.DB)
    .update(messages)
    .set({ status: status.status, statusAt: status.timestamp, errorCode: status.errorCode ?? null })
    .where(
      and(
        eq(messages.tenantId, tenantId),
        eq(messages.providerMessageId, status.providerMessageId),
        sql`(${messages.statusAt} IS NULL OR ${messages.statusAt} < ${status.timestamp} OR (${messages.statusAt} = ${status.timestamp} AND ${rankSql} < ${rank}))`,
      ),
    )
    .returning();
  return row ?? null;
}

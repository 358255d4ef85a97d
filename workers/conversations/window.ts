import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { channelByAddress } from "./channels";
import { queueOutbound } from "./outbound";
import { renderTemplate } from "./render";

type OutboxRow = typeof tables.outbox.$inferSelect;

/**
 * WhatsApp refused a free-form message because the 24-hour window is closed (131047): the
 * tenant's approved template goes out instead, once per refused message.
 */
export async function sendTemplateInstead(env: Env, refused: OutboxRow): Promise<void> {
  if (refused.payload?.type === "template" || !refused.sender) return;
  const channel = await channelByAddress(env, "whatsapp", refused.sender);
  if (!channel || channel.tenantId !== refused.tenantId) return;
  const tenant = await database(env.DB).query.tenants.findFirst({
    where: eq(tables.tenants.id, refused.tenantId),
    columns: { name: true },
  });
  const template = renderTemplate(channel.templateName, channel.templateLanguage, tenant?.name ?? "We");
  await queueOutbound(
    env,
    { tenantId: refused.tenantId, channel, to: refused.recipient, conversationId: refused.conversationId },
    template,
    { idempotencyKey: `${refused.idempotencyKey}:template`, author: "system" },
  );
}

export async function outboxById(env: Env, tenantId: string, id: string): Promise<OutboxRow | undefined> {
  return database(env.DB).query.outbox.findFirst({ where: and(eq(tables.outbox.tenantId, tenantId), eq(tables.outbox.id, id)) });
}

import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { channelById } from "./channels";
import { queueOutbound, WINDOW_MS } from "./outbound";
import { renderTemplate } from "./render";
import type { ConversationState } from "./state";
import { updateConversation } from "./store";

export interface AgentReplyInput {
  text?: string;
  /** Send the channel's approved template instead of text (the only option outside the 24-hour window). */
  template?: boolean;
  idempotencyKey?: string;
}

export type AgentReplyResult =
  | { ok: true; text: string; messageId: string | null }
  | { ok: false; reason: "not_found" | "window_closed" | "opted_out" };

/** A team member's reply. WhatsApp allows free text only within 24 hours of the customer's last message. */
export async function agentReply(env: Env, state: ConversationState, input: AgentReplyInput): Promise<AgentReplyResult> {
  if (state.optedOut) return { ok: false, reason: "opted_out" };
  const db = database(env.DB);
  const [row, channel, tenant] = await Promise.all([
    db.query.conversations.findFirst({
      where: and(eq(tables.conversations.tenantId, state.tenantId), eq(tables.conversations.id, state.conversationId)),
      columns: { lastInboundAt: true },
    }),
    channelById(env, state.tenantId, state.channelId),
    db.query.tenants.findFirst({ where: eq(tables.tenants.id, state.tenantId), columns: { name: true } }),
  ]);
  if (!row || !channel) return { ok: false, reason: "not_found" };
  const windowOpen = channel.kind !== "whatsapp" || (row.lastInboundAt !== null && Date.now() - row.lastInboundAt < WINDOW_MS);
  if (!input.template && !windowOpen) return { ok: false, reason: "window_closed" };
  const message = input.template
    ? renderTemplate(channel.templateName, channel.templateLanguage, tenant?.name ?? "We")
    : { body: input.text ?? "", payload: null, kind: "text" as const };
  const now = Date.now();
  const { messageId } = await queueOutbound(
    env,
    { tenantId: state.tenantId, channel, to: state.contactAddress, conversationId: state.conversationId },
    message,
    { idempotencyKey: `agent:${input.idempotencyKey ?? newId("key", now)}`, author: "agent", now },
  );
  await updateConversation(env, state.tenantId, state.conversationId, {
    lastMessageAt: now,
    lastMessagePreview: message.body.slice(0, 140),
  });
  return { ok: true, text: message.body, messageId };
}

import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { log } from "../http/log";

import { channelById } from "./channels";
import type { InboundItem } from "./inbound";
import { twilioItems } from "./twilio-events";
import { whatsappItems, type MetaWebhook } from "./whatsapp-events";
import { conversationObject } from "../../durable-objects/stubs";

/**
 * Queue handler for a stored webhook: parses it and hands each message or status to its
 * contact's Conversation object, in order. A failure throws, so the queue retries the whole
 * event; items already handled are recognised by their provider id and skipped.
 */
export async function processInboundEvent(env: Env, eventId: string): Promise<void> {
  const db = database(env.DB);
  const { inboundEvents } = tables;
  const event = await db.query.inboundEvents.findFirst({ where: eq(inboundEvents.id, eventId) });
  if (!event) {
    log("warn", "inbound event not found", { eventId });
    return;
  }
  const channel = await channelById(env, event.tenantId, event.channelId);
  if (!channel) {
    log("warn", "inbound event for a removed channel", { eventId, tenantId: event.tenantId });
    return;
  }
  const items: InboundItem[] =
    event.provider === "whatsapp"
      ? whatsappItems(JSON.parse(event.body) as MetaWebhook, channel.address)
      : twilioItems(Object.fromEntries(new URLSearchParams(event.body)), event.receivedAt);
  for (const item of items) {
    const contact = item.type === "message" ? item.from : item.recipient;
    await conversationObject(env, event.tenantId, channel.id, contact).deliver({ tenantId: event.tenantId, channelId: channel.id, item });
  }
  await db.update(inboundEvents).set({ processedAt: Date.now() }).where(eq(inboundEvents.id, eventId));
}

import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { tenantChannel } from "./channels";
import { queueOutbound } from "./outbound";

/**
 * A text to a pro (booking, cancellation, reminder, agenda) from the tenant's SMS number, or its
 * WhatsApp number when it has no SMS one. Once per idempotency key.
 */
export async function notifyPro(env: Env, tenantId: string, proId: string, text: string, idempotencyKey: string): Promise<boolean> {
  const pro = await database(env.DB).query.pros.findFirst({ where: and(eq(tables.pros.tenantId, tenantId), eq(tables.pros.id, proId)), columns: { phone: true } });
  const channel = (await tenantChannel(env, tenantId, "sms")) ?? (await tenantChannel(env, tenantId, "whatsapp"));
  if (!pro || !channel) return false;
  const to = channel.kind === "whatsapp" ? pro.phone.replace(/^\+/, "") : pro.phone;
  const { queued } = await queueOutbound(env, { tenantId, channel, to, conversationId: null }, { body: text, payload: null, kind: "text" }, { idempotencyKey: `pro:${idempotencyKey}`, author: "system" });
  return queued;
}

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
  const pro = await database(env.DB).query.pros.findFirst({
    where: and(eq(tables.pros.tenantId, tenantId), eq(tables.pros.id, proId)),
    columns: { phone: true },
  });
  return pro ? notifyPhone(env, tenantId, pro.phone, text, `pro:${idempotencyKey}`) : false;
}

/** A system text to a team phone (E.164) from the workspace's SMS number, else its WhatsApp one. Once per idempotency key. */
export async function notifyPhone(env: Env, tenantId: string, phone: string, text: string, idempotencyKey: string): Promise<boolean> {
  const channel = (await tenantChannel(env, tenantId, "sms")) ?? (await tenantChannel(env, tenantId, "whatsapp"));
  if (!channel) return false;
  const to = channel.kind === "whatsapp" ? phone.replace(/^\+/, "") : phone;
  const { queued } = await queueOutbound(
    env,
    { tenantId, channel, to, conversationId: null },
    { body: text, payload: null, kind: "text" },
    { idempotencyKey, author: "system" },
  );
  return queued;
}

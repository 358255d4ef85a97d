import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { smsProvider } from "../providers/sms";
import { whatsappProvider } from "../providers/whatsapp";
import { ProviderRejection, WINDOW_CLOSED } from "../providers/whatsapp/provider";
import { sendTemplateInstead } from "../conversations/window";
import { recordConsent } from "../conversations/consent";
import { OPTED_OUT } from "../providers/sms/provider";
import type { OutboxRow, OutboxSender } from "./senders";

const { messages } = tables;

/**
 * WhatsApp (Graph API) or SMS (Twilio) delivery of an outbox row, keeping the conversation's
 * message row in step; a WhatsApp refusal for a closed 24-hour window sends the template instead.
 */
export function messagingSender(env: Env, row: OutboxRow): OutboxSender {
  const whatsapp = row.channel === "whatsapp" ? whatsappProvider(env) : null;
  const sms = whatsapp ? null : smsProvider(env);
  const provider = (whatsapp ?? sms)!;
  const setMessage = (fields: Partial<typeof messages.$inferInsert>) =>
    database(env.DB)
      .update(messages)
      .set(fields)
      .where(and(eq(messages.tenantId, row.tenantId), eq(messages.outboxId, row.id)));
  return {
    name: provider.name,
    simulated: provider.simulated,
    send: () =>
      whatsapp
        ? whatsapp.send({
            from: row.sender ?? "",
            to: row.recipient,
            body: row.body,
            payload: row.payload ?? null,
            idempotencyKey: row.idempotencyKey,
          })
        : sms!.send({ from: row.sender ?? "", to: row.recipient, body: row.body, idempotencyKey: row.idempotencyKey }),
    onSent: async (providerMessageId) => {
      await setMessage({ providerMessageId, status: provider.simulated ? "simulated" : "sent" });
    },
    onFailed: async (error, permanent) => {
      if (!permanent) return;
      const code = error instanceof ProviderRejection ? error.code : null;
      await setMessage({ status: "failed", errorCode: code });
      if (code === WINDOW_CLOSED) await sendTemplateInstead(env, row);
      // The number opted out with the carrier (STOP to Twilio directly): the ledger learns it too.
      if (code === OPTED_OUT)
        await recordConsent(env, {
          tenantId: row.tenantId,
          address: row.recipient,
          channel: "sms",
          action: "opt_out",
          keyword: `twilio ${OPTED_OUT}`,
        });
    },
  };
}

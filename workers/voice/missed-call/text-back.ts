import { conversationObject } from "../../../durable-objects/stubs";
import type { JobDetails } from "../../conversation-engine/engine";
import type { Env } from "../../env";
import { log } from "../../http/log";
import { enqueue } from "../../queue/messages";
import { tenantInfo } from "../../team/tenant-info";
import { textBackMessage, textBackReason } from "./rule";

/** Queues the text-back check for an ended call (the queue retries it; the work itself is idempotent). */
export function queueTextBack(env: Env, tenantId: string, callId: string): Promise<void> {
  return enqueue(env, { kind: "call.text_back", tenantId, callId });
}

interface EndedCall {
  fromNumber: string;
  channelId: string;
  outcome: string | null;
  textBackAt: number | null;
  leadStatus: string | null;
  trade: string | null;
  address: string | null;
  city: string | null;
  postcode: string | null;
  description: string | null;
}

/** What the call's lead already knows, so the thread does not ask again (not its name: a voice lead's is a placeholder until told). */
function jobOf(call: EndedCall): JobDetails {
  const known = { trade: call.trade, address: call.address, city: call.city, postcode: call.postcode, description: call.description };
  return Object.fromEntries(Object.entries(known).filter(([, value]) => value)) as JobDetails;
}

/**
 * Texts a caller the business missed, once per call: on WhatsApp when that number already
 * talks to the workspace there, otherwise SMS from the number they called. The text opens (or
 * continues) the contact's thread, so their reply is an ordinary conversation turn the AI works.
 */
export async function sendTextBack(env: Env, message: { tenantId: string; callId: string }): Promise<void> {
  const { tenantId, callId } = message;
  const call = await env.DB.prepare(
    `SELECT c.from_number AS fromNumber, c.channel_id AS channelId, c.outcome, c.text_back_at AS textBackAt, l.status AS leadStatus,
       l.trade, l.address, l.city, l.postcode, l.description
     FROM calls c LEFT JOIN leads l ON l.tenant_id = c.tenant_id AND l.id = c.lead_id WHERE c.tenant_id = ? AND c.id = ?`,
  )
    .bind(tenantId, callId)
    .first<EndedCall>();
  if (!call || call.textBackAt !== null) return;
  const reason = textBackReason({ outcome: call.outcome, booked: call.leadStatus === "booked" });
  if (!reason) return;
  const whatsapp = await env.DB.prepare(
    `SELECT channel_id AS channelId, contact_address AS contactAddress FROM conversations
     WHERE tenant_id = ? AND channel = 'whatsapp' AND contact_phone = ? ORDER BY last_message_at DESC LIMIT 1`,
  )
    .bind(tenantId, call.fromNumber)
    .first<{ channelId: string; contactAddress: string }>();
  const to = whatsapp ?? { channelId: call.channelId, contactAddress: call.fromNumber };
  const { name } = await tenantInfo(env, tenantId);
  const job = jobOf(call);
  const opened = await conversationObject(env, tenantId, to.channelId, to.contactAddress).reachOut({
    tenantId,
    ...to,
    text: textBackMessage(reason, name, job),
    idempotencyKey: `text-back:${callId}`,
    job,
  });
  await env.DB.prepare(
    `UPDATE calls SET text_back_at = ?, text_back_conversation_id = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND text_back_at IS NULL`,
  )
    .bind(Date.now(), opened.conversationId, Date.now(), tenantId, callId)
    .run();
  log("info", "missed call texted back", { tenantId, callId, reason, via: whatsapp ? "whatsapp" : "sms", queued: opened.queued });
}

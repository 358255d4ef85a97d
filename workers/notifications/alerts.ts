import type { Env } from "../env";
import { raiseNotification } from "./raise";

/**
 * What each trigger says, in one place: the flows call these with what they know, and every
 * one goes through raiseNotification (queued, idempotent per key).
 */
const conversationLink = (id: string) => `/conversations?id=${encodeURIComponent(id)}`;
const clip = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function alertNeedsPerson(
  env: Env,
  c: {
    tenantId: string;
    conversationId: string;
    contact: string;
    key: string;
    why: "handoff" | "asked_for_human" | "engine_failed";
    detail: string;
  },
) {
  const lead = {
    handoff: "The AI handed this conversation to the team",
    asked_for_human: "The customer asked for a person",
    engine_failed: "The AI engine failed on this conversation",
  }[c.why];
  return raiseNotification(env, {
    tenantId: c.tenantId,
    key: `needs-person:${c.key}`,
    kind: "needs_person",
    title: `${c.contact} needs a person`,
    body: `${lead}: ${clip(c.detail)}`,
    link: conversationLink(c.conversationId),
    waitingConversationId: c.why === "engine_failed" ? undefined : c.conversationId,
  });
}

export function alertUrgentLead(env: Env, tenantId: string, lead: { id: string; name: string; description?: string | null }) {
  return raiseNotification(env, {
    tenantId,
    key: `urgent-lead:${lead.id}`,
    kind: "urgent_lead",
    title: `Urgent: ${lead.name}`,
    body: clip(lead.description?.trim() || "A lead was marked as an emergency."),
    link: `/leads/${encodeURIComponent(lead.id)}`,
  });
}

const BOOKING_TITLE = { created: "New booking", rescheduled: "Booking moved", cancelled: "Booking cancelled" } as const;

export function alertBooking(
  env: Env,
  b: {
    tenantId: string;
    bookingId: string;
    change: keyof typeof BOOKING_TITLE;
    label: string;
    customerName: string;
    proName?: string | null;
  },
) {
  return raiseNotification(env, {
    tenantId: b.tenantId,
    key: `booking:${b.change}:${b.bookingId}`,
    kind: "booking",
    title: `${BOOKING_TITLE[b.change]}: ${b.customerName}`,
    body: `${b.label}${b.proName ? ` with ${b.proName}` : ""}.`,
    link: "/bookings",
  });
}

const CALL_TEXT = {
  transferred: ["Call transferred", "was put through to your forward number"],
  refused: ["Call refused", "could not be taken"],
  missed: ["Missed call", "hung up before the job was captured"],
} as const;

export function alertCall(env: Env, call: { tenantId: string; callId: string; from: string; what: keyof typeof CALL_TEXT; why?: string }) {
  const [title, text] = CALL_TEXT[call.what];
  return raiseNotification(env, {
    tenantId: call.tenantId,
    key: `call:${call.what}:${call.callId}`,
    kind: "call",
    title: `${title}: ${call.from}`,
    body: `The call from ${call.from} ${text}${call.why ? ` (${call.why})` : ""}.`,
    link: `/calls/${encodeURIComponent(call.callId)}`,
  });
}

interface FailedMessage {
  tenantId: string;
  outboxId: string;
  idempotencyKey: string;
  conversationId: string | null;
  to: string;
  channel: string;
  error: string | null;
}

/** The alert's view of an outbox row that will not be delivered. */
export const failedMessage = (
  row: { id: string; tenantId: string; idempotencyKey: string; conversationId: string | null; recipient: string; channel: string },
  error: unknown,
): FailedMessage => ({
  tenantId: row.tenantId,
  outboxId: row.id,
  idempotencyKey: row.idempotencyKey,
  conversationId: row.conversationId,
  to: row.recipient,
  channel: row.channel,
  error: error instanceof Error ? error.message : error ? String(error) : null,
});

export function alertMessageFailed(env: Env, m: FailedMessage) {
  // An alert text or email that failed must not raise an alert about itself.
  if (m.idempotencyKey.startsWith("notify:")) return Promise.resolve();
  return raiseNotification(env, {
    tenantId: m.tenantId,
    key: `message-failed:${m.outboxId}`,
    kind: "message_failed",
    title: `A ${m.channel === "whatsapp" ? "WhatsApp" : m.channel === "sms" ? "SMS" : "email"} to ${m.to} was not delivered`,
    body: m.error ? clip(m.error) : "The provider refused it for good; it will not be retried.",
    link: m.conversationId ? conversationLink(m.conversationId) : null,
  });
}

export function alertWalletLow(env: Env, w: { tenantId: string; available: number; threshold: number; key: string }) {
  return raiseNotification(env, {
    tenantId: w.tenantId,
    key: `wallet-low:${w.key}`,
    kind: "wallet_low",
    title: "Wallet running low",
    body: `${w.available.toLocaleString("en-US")} credits left (below ${w.threshold.toLocaleString("en-US")}). Paid channels stop when it runs out.`,
    link: "/dashboard?wallet=1",
  });
}

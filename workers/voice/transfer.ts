import type { Env } from "../env";
import type { EngineState } from "../conversation-engine/engine";
import { notifyPhone } from "../conversations/notify";
import { log } from "../http/log";
import { alertCall } from "../notifications/alerts";
import { callControl } from "../providers/telephony";
import { dialTwiml } from "./twiml";
import { voiceSettings } from "./voice-settings";

export type TransferReason = "dtmf" | "caller_asked" | "engine_failure";

export const TRANSFER_WHY: Record<TransferReason, string> = {
  dtmf: "pressed 0 for a person",
  caller_asked: "asked for a person",
  engine_failure: "the assistant had a problem",
};

export interface LiveCallRef {
  tenantId: string;
  callId: string;
  callSid: string;
  fromNumber: string;
}

/** The text the person taking the call gets, so they pick up knowing the job. */
export function transferSummary(call: LiveCallRef, reason: TransferReason, state: EngineState | null): string {
  const why = TRANSFER_WHY[reason];
  const job = state?.job ?? {};
  const details = [job.name, job.trade, job.urgency, job.address ?? job.postcode, job.description?.slice(0, 160)]
    .filter(Boolean)
    .join(", ");
  return `Incoming transfer from ${call.fromNumber} (${why}).${details ? ` So far: ${details}.` : ""}${state?.booking ? ` Booked: ${state.booking.label} with ${state.booking.proName}.` : ""}`;
}

/**
 * Hands a streaming call to the workspace's forward number: Twilio's Calls API replaces the
 * stream with a <Dial>, the call is marked transferred, and the person gets an SMS summary
 * through the outbox. Without a forward number nothing happens and false comes back.
 */
export async function transferCall(env: Env, call: LiveCallRef, reason: TransferReason, state: EngineState | null): Promise<boolean> {
  const { forwardNumber } = await voiceSettings(env, call.tenantId);
  if (!forwardNumber) return false;
  // The Dial reports back like the Gather path's, so a transfer nobody answers offers voicemail (WEB_ORIGIN: this Worker's public origin).
  await callControl(env).redirect(call.callSid, dialTwiml([], forwardNumber, `${env.WEB_ORIGIN}/webhooks/twilio/voice/dial`));
  await env.DB.prepare(`UPDATE calls SET outcome = 'transferred', end_reason = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`)
    .bind(reason, Date.now(), call.callId, call.tenantId)
    .run();
  await alertCall(env, {
    tenantId: call.tenantId,
    callId: call.callId,
    from: call.fromNumber,
    what: "transferred",
    why: TRANSFER_WHY[reason],
  });
  const texted = await notifyPhone(env, call.tenantId, forwardNumber, transferSummary(call, reason, state), `call-transfer:${call.callId}`);
  log("info", "call transferred", { callId: call.callId, tenantId: call.tenantId, reason, summaryQueued: texted });
  return true;
}

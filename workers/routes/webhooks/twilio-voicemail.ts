import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { channelByAddress } from "../../conversations/channels";
import { log } from "../../http/log";
import { badRequest } from "../../http/problem";
import { enqueue } from "../../queue/messages";
import { isTwilioRecordingUrl } from "../../voice/missed-call/voicemail";
import { sayHangupTwiml, voicemailTwiml } from "../../voice/twiml";
import { EMPTY_TWIML, twiml, verifiedParams, voiceWebhookUrl } from "./twilio-voice-request";

const VOICEMAIL_LINES = {
  prompt:
    "Sorry, nobody could take your call right now. Please leave a message after the tone, then press the pound key or hang up. We'll text you back in a moment.",
  thanks: "Thanks, we've got your message. We'll text you back in a moment. Goodbye.",
} as const;

/**
 * What happens after a Gather-path transfer: the <Dial> outcome (answered → done; otherwise the
 * call is marked transfer_unanswered and the caller may leave a voicemail), the <Record>'s end,
 * and Twilio's recording callback (queued for download and transcription).
 */
export const voicemailWebhook = new Hono<AppEnv>();

voicemailWebhook.post("/dial", async (c) => {
  const p = await verifiedParams(c);
  const channel = p.To ? await channelByAddress(c.env, "sms", p.To) : null;
  if (!channel || !p.CallSid) return twiml(c, EMPTY_TWIML);
  if (p.DialCallStatus === "completed") return twiml(c, sayHangupTwiml([]));
  await c.env.DB.prepare(`UPDATE calls SET outcome = 'transfer_unanswered', updated_at = ? WHERE tenant_id = ? AND call_sid = ?`)
    .bind(Date.now(), channel.tenantId, p.CallSid)
    .run();
  log("info", "transfer not answered: voicemail offered", { tenantId: channel.tenantId, dialStatus: p.DialCallStatus });
  return twiml(
    c,
    voicemailTwiml([VOICEMAIL_LINES.prompt], {
      action: voiceWebhookUrl(c, "/voicemail"),
      recordingStatusCallback: voiceWebhookUrl(c, "/recording"),
    }),
  );
});

voicemailWebhook.post("/voicemail", async (c) => {
  await verifiedParams(c);
  return twiml(c, sayHangupTwiml([VOICEMAIL_LINES.thanks]));
});

voicemailWebhook.post("/recording", async (c) => {
  const p = await verifiedParams(c);
  if (p.RecordingStatus !== "completed") return twiml(c, EMPTY_TWIML);
  if (!p.CallSid || !p.RecordingSid || !p.RecordingUrl)
    throw badRequest("A recording callback needs CallSid, RecordingSid and RecordingUrl.");
  if (!isTwilioRecordingUrl(c.env, p.RecordingUrl))
    throw badRequest("RecordingUrl is not a recording on the Twilio API this app uses, so it is not fetched.");
  // The callback names no number: the call's sid (unique across tenants) finds its workspace.
  const call = await c.env.DB.prepare(`SELECT id, tenant_id AS tenantId FROM calls WHERE call_sid = ?`)
    .bind(p.CallSid)
    .first<{ id: string; tenantId: string }>();
  if (!call) {
    log("warn", "recording for an unknown call", { requestId: c.get("requestId") });
    return twiml(c, EMPTY_TWIML);
  }
  await enqueue(c.env, {
    kind: "call.voicemail",
    tenantId: call.tenantId,
    callId: call.id,
    recordingUrl: p.RecordingUrl,
    recordingSid: p.RecordingSid,
    seconds: Math.max(0, Number.parseInt(p.RecordingDuration ?? "0", 10) || 0),
  });
  return twiml(c, EMPTY_TWIML);
});

import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../env";
import { WEBHOOK_MAX_BYTES } from "../../conversations/inbound";
import { log } from "../../http/log";
import { Problem, unauthorized } from "../../http/problem";
import { verifyTwilioSignature } from "../../providers/sms/twilio-signature";
import { channelByAddress } from "../../conversations/channels";
import { tenantInfo } from "../../conversations/lead-sync";
import { releaseHold } from "../../wallet/ledger";
import { callBudget, chargeCallMinutes } from "../../voice/call-budget";
import { admitCall, maxConcurrentCalls, recordRefusedCall } from "../../voice/call-cap";
import { callerText, wantsPerson } from "../../voice/speech";
import { dialTwiml, gatherTwiml, sayHangupTwiml } from "../../voice/twiml";
import { voiceTurn, type CallRow } from "../../voice/voice-turn";

const FINAL_STATUSES = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const twiml = (c: Context<AppEnv>, xml: string) => c.body(xml, 200, { "Content-Type": "text/xml" });

/** The form parameters, after X-Twilio-Signature checked out over them (the SMS webhook's own verifier). */
async function verifiedParams(c: Context<AppEnv>): Promise<Record<string, string>> {
  const token = c.env.TWILIO_AUTH_TOKEN;
  if (!token) throw new Problem(503, "Service Unavailable", "TWILIO_AUTH_TOKEN is not configured; unsigned events are never accepted.");
  const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
  if (!(await verifyTwilioSignature(token, c.req.url, params, c.req.header("X-Twilio-Signature")))) throw unauthorized("Missing or invalid X-Twilio-Signature.");
  return params;
}

const callBySid = (c: Context<AppEnv>, tenantId: string, callSid: string) =>
  c.env.DB.prepare(`SELECT id, tenant_id AS tenantId, channel_id AS channelId, from_number AS fromNumber, status, state_json AS stateJson, history_json AS historyJson, hold_id AS holdId, ended_at AS endedAt FROM calls WHERE tenant_id = ? AND call_sid = ?`)
    .bind(tenantId, callSid)
    .first<CallRow & { status: string; holdId: string | null; endedAt: number | null }>();

const forwardNumber = async (c: Context<AppEnv>, tenantId: string) =>
  (await c.env.DB.prepare(`SELECT forward_number AS n FROM voice_settings WHERE tenant_id = ?`).bind(tenantId).first<{ n: string | null }>())?.n ?? null;

/**
 * Twilio voice webhook, the TwiML Gather/Say path: the first request of a call is admitted
 * (budget, then the platform cap) and greeted; each later one (the Gather's action) carries
 * SpeechResult or Digits and is answered by the conversation engine.
 */
export const twilioVoiceWebhook = new Hono<AppEnv>();
twilioVoiceWebhook.use("*", bodyLimit({ maxSize: WEBHOOK_MAX_BYTES, onError: () => { throw new Problem(413, "Content Too Large", "Webhook bodies are limited to 1 MB."); } }));

twilioVoiceWebhook.post("/", async (c) => {
  const p = await verifiedParams(c);
  const action = new URL(c.req.url).href;
  const channel = p.To ? await channelByAddress(c.env, "sms", p.To) : null;
  if (!channel || !p.CallSid || !p.From) {
    log("warn", "twilio call for an unknown number", { requestId: c.get("requestId") });
    return twiml(c, sayHangupTwiml(["Sorry, this number is not in service."]));
  }
  const tenant = await tenantInfo(c.env, channel.tenantId);
  const call = await callBySid(c, channel.tenantId, p.CallSid);
  if (!call) {
    const now = Date.now();
    const base = { tenantId: channel.tenantId, callSid: p.CallSid, channelId: channel.id, from: p.From, to: p.To!, holdId: null, now };
    const budget = await callBudget(c.env, channel.tenantId, p.CallSid);
    if (!budget.allowed) {
      await recordRefusedCall(c.env, base, "refused_budget");
      log("info", "call refused: no call budget", { tenantId: channel.tenantId, callSid: p.CallSid });
      return twiml(c, sayHangupTwiml([`Thanks for calling ${tenant.name}. We can't take calls on this line right now. Please send us a text message and we'll get right back to you. Goodbye.`]));
    }
    const admitted = await admitCall(c.env, { ...base, holdId: budget.holdId }, maxConcurrentCalls(c.env));
    if (!admitted.admitted) {
      if (budget.holdId) await releaseHold(c.env, channel.tenantId, budget.holdId).catch(() => undefined); // expiry releases it otherwise
      await recordRefusedCall(c.env, base, "refused_cap");
      log("warn", "call refused: concurrent-call cap reached", { tenantId: channel.tenantId, callSid: p.CallSid });
      return twiml(c, sayHangupTwiml([`Thanks for calling ${tenant.name}. All our lines are busy right now. Please call again in a few minutes, or send us a text message. Goodbye.`]));
    }
    return twiml(c, gatherTwiml([`Thanks for calling ${tenant.name}. I'm the virtual assistant and I can book a visit for you. What can we help with? You can press 0 at any time to reach a person.`], action));
  }
  if (call.status !== "in-progress") return twiml(c, sayHangupTwiml(["Goodbye."]));

  if (wantsPerson(p.SpeechResult, p.Digits)) {
    const forward = await forwardNumber(c, channel.tenantId);
    if (forward) return transfer(c, call.id, channel.tenantId, forward);
    return twiml(c, gatherTwiml(["Nobody is free to take the call right now, but I can take your details and book a visit. What do you need help with?"], action));
  }
  const text = callerText(p.SpeechResult, p.Digits);
  if (!text) return twiml(c, gatherTwiml(["Sorry, I didn't catch that. Could you say it again?"], action));
  const { lines, state } = await voiceTurn(c.env, c.executionCtx, call, text);
  if (state.stage === "handoff") {
    const forward = await forwardNumber(c, channel.tenantId);
    if (forward) return transfer(c, call.id, channel.tenantId, forward, lines);
  }
  return twiml(c, gatherTwiml(lines.length ? lines : ["Is there anything else I can help with?"], action));
});

async function transfer(c: Context<AppEnv>, callId: string, tenantId: string, forward: string, lines: string[] = []) {
  await c.env.DB.prepare(`UPDATE calls SET outcome = 'transferred', updated_at = ? WHERE id = ? AND tenant_id = ?`).bind(Date.now(), callId, tenantId).run();
  return twiml(c, dialTwiml([...lines, "Connecting you to the team now."], forward));
}

/** Call status callback: the final status ends the call once (a repeat changes nothing) and charges its started minutes. */
twilioVoiceWebhook.post("/status", async (c) => {
  const p = await verifiedParams(c);
  const channel = p.To ? await channelByAddress(c.env, "sms", p.To) : null;
  if (!channel || !p.CallSid || !FINAL_STATUSES.has(p.CallStatus ?? "")) return twiml(c, EMPTY_TWIML);
  const call = await callBySid(c, channel.tenantId, p.CallSid);
  if (!call || call.endedAt !== null) return twiml(c, EMPTY_TWIML);
  const seconds = Math.max(0, Number.parseInt(p.CallDuration ?? "0", 10) || 0);
  const now = Date.now();
  const ended = await c.env.DB.prepare(
    `UPDATE calls SET status = ?, ended_at = ?, duration_seconds = ?, outcome = coalesce(outcome, ?), state_json = NULL, updated_at = ? WHERE id = ? AND tenant_id = ? AND ended_at IS NULL`,
  )
    .bind(p.CallStatus, now, seconds, p.CallStatus, now, call.id, channel.tenantId)
    .run();
  if (ended.meta.changes > 0) {
    const minutes = await chargeCallMinutes(c.env, channel.tenantId, p.CallSid, call.holdId, seconds);
    await c.env.DB.prepare(`UPDATE calls SET billed_minutes = ? WHERE id = ? AND tenant_id = ?`).bind(minutes, call.id, channel.tenantId).run();
  }
  return twiml(c, EMPTY_TWIML);
});

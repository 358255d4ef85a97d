import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../env";
import { openingLine, voiceSettings } from "../../voice/voice-settings";
import { WEBHOOK_MAX_BYTES } from "../../conversations/inbound";
import { log } from "../../http/log";
import { Problem } from "../../http/problem";
import { channelByAddress } from "../../conversations/channels";
import { tenantInfo } from "../../team/tenant-info";
import { releaseHold } from "../../wallet/ledger";
import { callBudget, chargeCallMinutes } from "../../voice/call-budget";
import { admitCall, maxConcurrentCalls, type NewCall, recordRefusedCall } from "../../voice/call-cap";
import { callerText, wantsPerson } from "../../voice/speech";
import { dialTwiml, gatherTwiml, sayHangupTwiml } from "../../voice/twiml";
import { TRANSFER_WHY } from "../../voice/transfer";
import { alertCall } from "../../notifications/alerts";
import { voiceTurn, type CallRow } from "../../voice/voice-turn";
import { answerWithStream, streamAnswerTwiml, streamingCall } from "../../voice/stream-answer";
import { lines as voiceLines } from "../../voice/lines";
import { recordGatherLines, type SpokenLine } from "../../voice/gather-transcript";
import { finishCallRecords } from "../../voice/records/finish";
import { publishToMonitor } from "../../voice/records/monitor";
import type { ConversationState } from "../../conversations/state";
import type { HistoryEntry } from "../../conversation-engine/engine";
import { queueTextBack } from "../../voice/missed-call/text-back";
import { EMPTY_TWIML, twiml, verifiedParams, voiceWebhookUrl } from "./twilio-voice-request";
import { voicemailWebhook } from "./twilio-voicemail";

const FINAL_STATUSES = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

/** A caller turned away is logged and texted back (once: a retried webhook finds the call refused already). */
async function refuse(c: Context<AppEnv>, call: NewCall, outcome: "refused_budget" | "refused_cap"): Promise<void> {
  const id = await recordRefusedCall(c.env, call, outcome);
  if (id) await queueTextBack(c.env, call.tenantId, id);
}

const callBySid = (c: Context<AppEnv>, tenantId: string, callSid: string) =>
  c.env.DB.prepare(
    `SELECT id, tenant_id AS tenantId, channel_id AS channelId, from_number AS fromNumber, status, state_json AS stateJson, history_json AS historyJson, hold_id AS holdId, started_at AS startedAt, ended_at AS endedAt FROM calls WHERE tenant_id = ? AND call_sid = ?`,
  )
    .bind(tenantId, callSid)
    .first<CallRow & { status: string; holdId: string | null; startedAt: number; endedAt: number | null }>();

const forwardNumber = async (c: Context<AppEnv>, tenantId: string) => (await voiceSettings(c.env, tenantId)).forwardNumber;

/**
 * Twilio voice webhook, the TwiML Gather/Say path: the first request of a call is admitted
 * (budget, then the platform cap) and greeted; each later one (the Gather's action) carries
 * SpeechResult or Digits and is answered by the conversation engine.
 */

/** Call status callback: the final status ends the call once (a repeat changes nothing) and charges its started minutes. */
export const twilioVoiceWebhook = new Hono<AppEnv>()
  .use(
    "*",
    bodyLimit({
      maxSize: WEBHOOK_MAX_BYTES,
      onError: () => {
        throw new Problem(413, "Content Too Large", "Webhook bodies are limited to 1 MB.");
      },
    }),
  )
  .post("/", async (c) => {
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
        await refuse(c, base, "refused_budget");
        log("info", "call refused: no call budget", { tenantId: channel.tenantId, callSid: p.CallSid });
        return twiml(
          c,
          sayHangupTwiml([
            `Thanks for calling ${tenant.name}. We can't take calls on this line right now. Please send us a text message and we'll get right back to you. Goodbye.`,
          ]),
        );
      }
      const admitted = await admitCall(c.env, { ...base, holdId: budget.holdId }, maxConcurrentCalls(c.env));
      if (!admitted.admitted) {
        if (budget.holdId) await releaseHold(c.env, channel.tenantId, budget.holdId).catch(() => undefined); // expiry releases it otherwise
        await refuse(c, base, "refused_cap");
        log("warn", "call refused: concurrent-call cap reached", { tenantId: channel.tenantId, callSid: p.CallSid });
        return twiml(
          c,
          sayHangupTwiml([
            `Thanks for calling ${tenant.name}. All our lines are busy right now. Please call again in a few minutes, or send us a text message. Goodbye.`,
          ]),
        );
      }
      const streamed = await answerWithStream(c.env, c.executionCtx, c.req.url, {
        callId: admitted.id,
        tenantId: channel.tenantId,
        callSid: p.CallSid,
        channelId: channel.id,
        fromNumber: p.From,
        toNumber: p.To!,
      });
      if (streamed) return twiml(c, streamed);
      const greeting = openingLine(
        await voiceSettings(c.env, channel.tenantId),
        `Thanks for calling ${tenant.name}. I'm the virtual assistant and I can book a visit for you. What can we help with? You can press 0 at any time to reach a person.`,
      );
      await recordGatherLines(c.env, c.executionCtx, { id: admitted.id, tenantId: channel.tenantId, startedAt: now }, [
        { speaker: "agent", text: greeting, at: now },
      ]);
      return twiml(c, gatherTwiml([greeting], action));
    }
    if (call.status !== "in-progress") return twiml(c, sayHangupTwiml(["Goodbye."]));
    if (!p.SpeechResult && !p.Digits && (await streamingCall(c.env, channel.tenantId, call.id)))
      return twiml(c, await streamAnswerTwiml(c.env, c.req.url, call.id));

    // Each answer goes on the transcript with what the caller said (the words heard, not the engine's reading of them).
    const arrived = Date.now();
    const heard = p.SpeechResult?.trim() || (p.Digits ? `Pressed ${p.Digits}` : "");
    const answer = async (lines: string[], xml: string) => {
      const spoken: SpokenLine[] = [
        ...(heard ? [{ speaker: "caller" as const, text: heard, at: arrived }] : []),
        ...lines.map((text) => ({ speaker: "agent" as const, text, at: Date.now() })),
      ];
      await recordGatherLines(c.env, c.executionCtx, call, spoken);
      return twiml(c, xml);
    };
    const gather = (lines: string[]) => answer(lines, gatherTwiml(lines, action));
    const transfer = async (forward: string, lines: string[] = []) => {
      await c.env.DB.prepare(
        `UPDATE calls SET outcome = 'transferred', end_reason = coalesce(end_reason, ?), updated_at = ? WHERE id = ? AND tenant_id = ?`,
      )
        .bind(p.Digits === "0" ? "dtmf" : "caller_asked", Date.now(), call.id, channel.tenantId)
        .run();
      const why = TRANSFER_WHY[p.Digits === "0" ? "dtmf" : "caller_asked"];
      await alertCall(c.env, { tenantId: channel.tenantId, callId: call.id, from: call.fromNumber, what: "transferred", why });
      const said = [...lines, voiceLines.connecting];
      return answer(said, dialTwiml(said, forward, voiceWebhookUrl(c, "/dial")));
    };

    if (wantsPerson(p.SpeechResult, p.Digits)) {
      const forward = await forwardNumber(c, channel.tenantId);
      if (forward) return transfer(forward);
      return gather([voiceLines.nobodyFree]);
    }
    const text = callerText(p.SpeechResult, p.Digits);
    if (!text) return gather(["Sorry, I didn't catch that. Could you say it again?"]);
    const { lines, state } = await voiceTurn(c.env, c.executionCtx, call, text);
    if (state.stage === "handoff") {
      const forward = await forwardNumber(c, channel.tenantId);
      if (forward) return transfer(forward, lines);
    }
    return gather(lines.length ? lines : ["Is there anything else I can help with?"]);
  })
  .post("/status", async (c) => {
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
      await chargeCallMinutes(c.env, channel.tenantId, p.CallSid, call.holdId, seconds);
      const ref = { tenantId: channel.tenantId, callId: call.id };
      const conversation = {
        history: JSON.parse(call.historyJson) as HistoryEntry[],
        state: call.stateJson ? (JSON.parse(call.stateJson) as ConversationState) : null,
      };
      await queueTextBack(c.env, channel.tenantId, call.id);
      // The summary may take a model call; Twilio does not wait for it.
      c.executionCtx.waitUntil(
        Promise.all([
          publishToMonitor(c.env, call.id, { type: "status", status: p.CallStatus! }),
          finishCallRecords(c.env, c.executionCtx, ref, conversation).catch((error: unknown) =>
            log("error", "call records not finished", { callId: call.id, tenantId: ref.tenantId, error: String(error) }),
          ),
        ]),
      );
    }
    return twiml(c, EMPTY_TWIML);
  })
  .route("/", voicemailWebhook);

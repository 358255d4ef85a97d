import type { Env, WaitUntil } from "../env";
import { log } from "../http/log";
import type { CallInfo } from "../../durable-objects/call-session/store";
import { streamingProviders } from "./streaming-providers";
import { streamToken } from "./stream-token";
import { streamTwiml } from "./twiml";
import { voiceSettings } from "./voice-settings";
import { callSession } from "../../durable-objects/stubs";

/** The socket URL of a call's stream: our host over ws(s), the call id as the last path segment (no query: Twilio refuses one). */
export function streamUrl(requestUrl: string, callId?: string): string {
  const url = new URL(callId ? `/voice/stream/${encodeURIComponent(callId)}` : requestUrl, requestUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  return url.toString();
}

/** The stream TwiML for a call: its URL plus the call id and its token as <Parameter>s. */
export async function streamAnswerTwiml(env: Env, requestUrl: string, callId: string): Promise<string> {
  return streamTwiml(streamUrl(requestUrl, callId), { callId, token: await streamToken(env, callId) });
}

/**
 * An admitted call streams (Media Streams through its CallSession) when STT and TTS are both
 * configured and the workspace has not chosen the Gather path. The call is marked "stream" and,
 * while the phone rings, its session opens the recogniser and loads the greeting. Null: Gather.
 */
export async function answerWithStream(env: Env, ctx: WaitUntil, requestUrl: string, call: CallInfo): Promise<string | null> {
  if (!streamingProviders(env)) return null;
  if ((await voiceSettings(env, call.tenantId)).voiceMode !== "auto") return null;
  await env.DB.prepare(`UPDATE calls SET mode = 'stream', updated_at = ? WHERE id = ? AND tenant_id = ?`)
    .bind(Date.now(), call.callId, call.tenantId)
    .run();
  const session = callSession(env, call.callId);
  ctx.waitUntil(
    session
      .prepare(call)
      .catch((err: unknown) =>
        log("error", "call session prepare failed", { callId: call.callId, error: err instanceof Error ? err.message : String(err) }),
      ),
  );
  log("info", "call answered with a media stream", { callId: call.callId, tenantId: call.tenantId });
  return streamAnswerTwiml(env, requestUrl, call.callId);
}

/** A retried first webhook of a streaming call gets the same stream again (never a Gather mid-call). */
export async function streamingCall(env: Env, tenantId: string, callId: string): Promise<boolean> {
  const row = await env.DB.prepare(`SELECT mode FROM calls WHERE id = ? AND tenant_id = ?`)
    .bind(callId, tenantId)
    .first<{ mode: string }>();
  return row?.mode === "stream";
}

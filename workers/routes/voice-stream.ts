import { Hono } from "hono";
import type { AppEnv } from "../env";
import { log } from "../http/log";
import { notFound, Problem, unauthorized } from "../http/problem";
import { verifyTwilioSignature } from "../providers/sms/twilio-signature";
import { streamUrl } from "../voice/stream-answer";
import { callSession } from "../../durable-objects/stubs";

const CALL_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Twilio Media Streams: the upgrade to /voice/stream/{callId} carries X-Twilio-Signature (over the
 * ws(s):// URL, no parameters), checked here; the verified upgrade goes to the call's CallSession,
 * which checks the per-call token in the `start` message.
 */
export const voiceStreamRoutes = new Hono<AppEnv>().get("/:callId", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new Problem(426, "Upgrade Required", "Connect with a WebSocket.");
  const token = c.env.TWILIO_AUTH_TOKEN;
  if (!token) throw new Problem(503, "Service Unavailable", "TWILIO_AUTH_TOKEN is not configured; unsigned streams are never accepted.");
  const callId = c.req.param("callId");
  if (!CALL_ID.test(callId)) throw notFound("Call");
  if (!(await verifyTwilioSignature(token, streamUrl(c.req.url), {}, c.req.header("X-Twilio-Signature")))) {
    log("warn", "media stream handshake refused: bad signature", { callId, requestId: c.get("requestId") });
    throw unauthorized("Missing or invalid X-Twilio-Signature.");
  }
  const session = callSession(c.env, callId);
  const upstream = await session.fetch(new Request(c.req.url, { headers: { Upgrade: "websocket" } }));
  // Re-wrapped so the shared middleware can add its headers (a stub's response headers are immutable).
  return new Response(null, { status: upstream.status, webSocket: upstream.webSocket, headers: upstream.headers });
});

import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { Problem, unauthorized } from "../../http/problem";
import { verifyTwilioSignature } from "../../providers/sms/twilio-signature";
import { limitWebhookSource } from "../../http/limits";

export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export const twiml = (c: Context<AppEnv>, xml: string) => c.body(xml, 200, { "Content-Type": "text/xml" });

/** The absolute URL of another voice webhook on this host (Twilio needs absolute URLs in TwiML it fetches later). */
export const voiceWebhookUrl = (c: Context<AppEnv>, path: "" | "/dial" | "/voicemail" | "/recording") =>
  `${new URL(c.req.url).origin}/webhooks/twilio/voice${path}`;

/** The form parameters, after X-Twilio-Signature checked out over them (the SMS webhook's own verifier). */
export async function verifiedParams(c: Context<AppEnv>): Promise<Record<string, string>> {
  const token = c.env.TWILIO_AUTH_TOKEN;
  if (!token) throw new Problem(503, "Service Unavailable", "TWILIO_AUTH_TOKEN is not configured; unsigned events are never accepted.");
  const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
  if (!(await verifyTwilioSignature(token, c.req.url, params, c.req.header("X-Twilio-Signature"))))
    throw unauthorized("Missing or invalid X-Twilio-Signature.");
  await limitWebhookSource(c, "twilio", params.AccountSid ?? "unknown");
  return params;
}

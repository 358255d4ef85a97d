import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../env";
import { WEBHOOK_MAX_BYTES } from "../../conversations/inbound";
import { log } from "../../http/log";
import { Problem, unauthorized } from "../../http/problem";
import { verifyTwilioSignature } from "../../providers/sms/twilio-signature";
import { limitWebhookSource } from "../../http/limits";
import { channelByAddress } from "../../conversations/channels";
import { acceptInboundEvent } from "../../conversations/inbound-store";
import { deliveryKey } from "../../conversations/delivery-key";
import { isTwilioStatus, twilioContact, twilioItems } from "../../conversations/twilio-events";

// An empty TwiML answer: replies go out through the REST API (and the outbox), not here.
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Twilio messaging webhook: SMS and WhatsApp-via-Twilio (From "whatsapp:+E164"), and status callbacks. */
export const twilioSmsWebhook = new Hono<AppEnv>()
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
    const token = c.env.TWILIO_AUTH_TOKEN;
    if (!token) throw new Problem(503, "Service Unavailable", "TWILIO_AUTH_TOKEN is not configured; unsigned events are never accepted.");
    const body = await c.req.text();
    const params = Object.fromEntries(new URLSearchParams(body));
    if (!(await verifyTwilioSignature(token, c.req.url, params, c.req.header("X-Twilio-Signature"))))
      throw unauthorized("Missing or invalid X-Twilio-Signature.");
    await limitWebhookSource(c, "twilio", params.AccountSid ?? "unknown");
    // Our number is To on an inbound message and From on a status callback about our own message.
    const ours = isTwilioStatus(params) ? params.From : params.To;
    const channel = await channelByAddress(c.env, "sms", (ours ?? "").replace(/^whatsapp:/, ""));
    if (!channel) log("warn", "twilio event for an unknown number", { requestId: c.get("requestId") });
    else
      await acceptInboundEvent(
        c.env,
        {
          tenantId: channel.tenantId,
          channelId: channel.id,
          provider: "twilio",
          contentType: "application/x-www-form-urlencoded",
          body,
          deliveryKey: deliveryKey(twilioItems(params, Date.now())),
        },
        twilioContact(params),
      );
    return c.body(EMPTY_TWIML, 200, { "Content-Type": "text/xml" });
  });

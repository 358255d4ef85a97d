import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../env";
import { WEBHOOK_MAX_BYTES } from "../../conversations/inbound";
import { log } from "../../http/log";
import { Problem, unauthorized } from "../../http/problem";
import { timingSafeEqualText } from "../../lib/timing-safe";
import { verifyMetaSignature } from "../../providers/whatsapp/signature";
import { limitWebhookSource } from "../../http/limits";
import { channelByAddress } from "../../conversations/channels";
import { acceptInboundEvent } from "../../conversations/inbound-store";
import { firstContact, phoneNumberIds, whatsappItems, type MetaWebhook } from "../../conversations/whatsapp-events";
import { deliveryKey } from "../../conversations/delivery-key";

/** Meta WhatsApp Cloud API webhooks: verification challenge and signed event delivery. */
export const whatsappWebhook = new Hono<AppEnv>()
  .use(
    "*",
    bodyLimit({
      maxSize: WEBHOOK_MAX_BYTES,
      onError: () => {
        throw new Problem(413, "Content Too Large", "Webhook bodies are limited to 1 MB.");
      },
    }),
  )
  .get("/", (c) => {
    const token = c.env.WHATSAPP_VERIFY_TOKEN;
    const offered = c.req.query("hub.verify_token") ?? "";
    if (c.req.query("hub.mode") === "subscribe" && token && timingSafeEqualText(token, offered))
      return c.text(c.req.query("hub.challenge") ?? "", 200);
    throw new Problem(403, "Forbidden", "The verify token does not match.");
  })
  .post("/", async (c) => {
    const secret = c.env.WHATSAPP_APP_SECRET;
    if (!secret)
      throw new Problem(503, "Service Unavailable", "WHATSAPP_APP_SECRET is not configured; unsigned events are never accepted.");
    const raw = await c.req.arrayBuffer();
    if (!(await verifyMetaSignature(secret, raw, c.req.header("X-Hub-Signature-256"))))
      throw unauthorized("Missing or invalid X-Hub-Signature-256.");
    const body = new TextDecoder().decode(raw);
    let payload: MetaWebhook;
    try {
      payload = JSON.parse(body) as MetaWebhook;
    } catch {
      throw new Problem(400, "Bad Request", "The body is not valid JSON.");
    }
    for (const phoneNumberId of phoneNumberIds(payload)) await limitWebhookSource(c, "whatsapp", phoneNumberId);
    for (const phoneNumberId of phoneNumberIds(payload)) {
      const channel = await channelByAddress(c.env, "whatsapp", phoneNumberId);
      // Answered 200 all the same: Meta would otherwise retry an event nobody here can process.
      if (!channel) {
        log("warn", "whatsapp event for an unknown phone_number_id", { phoneNumberId, requestId: c.get("requestId") });
        continue;
      }
      await acceptInboundEvent(
        c.env,
        {
          tenantId: channel.tenantId,
          channelId: channel.id,
          provider: "whatsapp",
          contentType: "application/json",
          body,
          deliveryKey: deliveryKey(whatsappItems(payload, phoneNumberId)),
        },
        firstContact(payload, phoneNumberId),
      );
    }
    return c.json({ received: true }, 200);
  });

import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { postTwilio, postWhatsApp, settle, smsParams, thread, whatsappText, workspace } from "../../tests/conversations";
import { call, json } from "../../tests/api";
import { storeInboundMedia } from "../conversations/media";
import { whatsappProvider } from "../providers/whatsapp";
import { smsProvider } from "../providers/sms";

const graphEnv = () => ({ ...env, WHATSAPP_ACCESS_TOKEN: "EAAtesttoken", WHATSAPP_GRAPH_URL: inject("graphUrl") });
const twilioEnv = () => ({ ...env, TWILIO_ACCOUNT_SID: "AC11111111111111111111111111111111", TWILIO_API_URL: inject("twilioUrl") });
const sentTo = async (fake: string, match: (entry: any) => boolean) =>
  ((await (await fetch(`${inject(fake as "graphUrl")}/__sent`)).json()) as any[]).filter(match);

function statusWebhook(
  ws: { whatsapp: { phoneNumberId: string } },
  statuses: { id: string; status: string; timestamp: number; recipient: string; code?: number }[],
) {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: "WABA",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15125550199", phone_number_id: ws.whatsapp.phoneNumberId },
              statuses: statuses.map((s) => ({
                id: s.id,
                status: s.status,
                timestamp: String(s.timestamp),
                recipient_id: s.recipient,
                ...(s.code ? { errors: [{ code: s.code, title: "Re-engagement message" }] } : {}),
              })),
            },
          },
        ],
      },
    ],
  });
}

describe("integration: outbound WhatsApp through the Graph API (contract fake)", () => {
  it("sends interactive replies, then applies delivery statuses in timestamp order whatever order they arrive in", async () => {
    expect(whatsappProvider(env).name).toBe("local");
    expect(() => whatsappProvider({ ...env, ENVIRONMENT: "production" })).toThrow(/WHATSAPP_ACCESS_TOKEN/);
    const ws = await workspace();
    const customer = "15125550160";
    await postWhatsApp(whatsappText(ws, customer, "Burst pipe at 3 Oak St 78704, I'm Lee"));
    await settle(graphEnv());
    const sent = await sentTo("graphUrl", (e) => e.body.to === customer);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      phoneNumberId: ws.whatsapp.phoneNumberId,
      authorization: "Bearer EAAtesttoken",
      body: { messaging_product: "whatsapp", type: "interactive" },
    });
    const reply = (await thread(ws, customer)).messages.at(-1);
    expect(reply).toMatchObject({ status: "sent", simulated: false });
    const wamid = (await env.DB.prepare("SELECT provider_message_id AS id FROM messages WHERE id = ?")
      .bind(reply.id)
      .first<{ id: string }>())!.id;

    const at = Math.floor(Date.now() / 1000);
    await postWhatsApp(statusWebhook(ws, [{ id: wamid, status: "read", timestamp: at + 3, recipient: customer }]));
    await postWhatsApp(
      statusWebhook(ws, [
        { id: wamid, status: "sent", timestamp: at + 1, recipient: customer },
        { id: wamid, status: "delivered", timestamp: at + 2, recipient: customer },
      ]),
    );
    await settle(graphEnv());
    expect((await thread(ws, customer)).messages.at(-1).status).toBe("read");
  });

  it("131047 (window closed) switches to the approved template, sync and async", async () => {
    const ws = await workspace();
    const customer = "15550131040";
    await postWhatsApp(whatsappText(ws, customer, "Hello, my sink is blocked"));
    await settle(graphEnv());
    let t = await thread(ws, customer);
    const refused = t.messages.find((m: any) => m.direction === "out" && m.kind === "text");
    expect(refused).toMatchObject({ status: "failed", errorCode: "131047" });
    const template = t.messages.find((m: any) => m.kind === "template");
    expect(template).toMatchObject({ status: "sent", author: "system" });
    expect((await sentTo("graphUrl", (e) => e.body.to === customer && e.body.type === "template"))[0].body.template).toMatchObject({
      name: "homeline_follow_up",
      language: { code: "en_US" },
    });

    // A status webhook reporting 131047 for a message that was accepted at first.
    const other = "15125550161";
    await postWhatsApp(whatsappText(ws, other, "Need a plumber"));
    await settle(graphEnv());
    const accepted = (await thread(ws, other)).messages.at(-1);
    const wamid = (await env.DB.prepare("SELECT provider_message_id AS id FROM messages WHERE id = ?")
      .bind(accepted.id)
      .first<{ id: string }>())!.id;
    await postWhatsApp(
      statusWebhook(ws, [{ id: wamid, status: "failed", timestamp: Math.floor(Date.now() / 1000) + 5, recipient: other, code: 131047 }]),
    );
    await settle(graphEnv());
    t = await thread(ws, other);
    expect(t.messages.filter((m: any) => m.kind === "template")).toHaveLength(1);
  });

  it("an agent's reply outside the window is refused with a template offer; the template goes", async () => {
    const ws = await workspace();
    const customer = "15125550162";
    await postWhatsApp(whatsappText(ws, customer, "hi", undefined, Date.now()));
    await settle();
    const t = await thread(ws, customer);
    await env.DB.prepare("UPDATE conversations SET last_inbound_at = ? WHERE id = ?")
      .bind(Date.now() - 25 * 3_600_000, t.id)
      .run();
    const refused = await call("POST", `/api/v1/conversations/${t.id}/messages`, { token: ws.token, body: { text: "Still need help?" } });
    expect(refused.status).toBe(409);
    expect(await json(refused)).toMatchObject({ templateRequired: true, template: { name: "homeline_follow_up" } });
    expect((await json(await call("GET", `/api/v1/conversations/${t.id}`, { token: ws.token }))).windowOpen).toBe(false);
    const sent = await call("POST", `/api/v1/conversations/${t.id}/messages`, { token: ws.token, body: { template: true } });
    expect(sent.status).toBe(201);
  });

  it("inbound images are fetched by media id into R2 and served to the app", async () => {
    const ws = await workspace();
    await postWhatsApp(whatsappText(ws, "15125550163", "photo coming"));
    await settle();
    const t = await thread(ws, "15125550163");
    const message = t.messages[0];
    await storeInboundMedia(
      graphEnv(),
      { tenantId: ws.tenantId, conversationId: t.id, messageId: message.id, via: "whatsapp" },
      { id: "media-778", mimeType: "image/jpeg" },
    );
    const withMedia = (await thread(ws, "15125550163")).messages[0];
    expect(withMedia).toMatchObject({ mediaType: "image/jpeg", mediaUrl: `/api/v1/conversations/${t.id}/media/${message.id}` });
    const file = await call("GET", withMedia.mediaUrl, { token: ws.token });
    expect(await file.text()).toBe("jpeg-bytes-of-media-778");
    const other = await workspace("Other");
    expect((await call("GET", withMedia.mediaUrl, { token: other.token })).status).toBe(404);
  });
});

describe("integration: outbound SMS through Twilio's REST API (contract fake)", () => {
  it("sends with Basic auth and an idempotency token, once per outbox row", async () => {
    expect(smsProvider({ ...env, TWILIO_ACCOUNT_SID: undefined }).name).toBe("local");
    const ws = await workspace();
    const customer = "+15125550164";
    await postTwilio(smsParams(ws, customer, "Leaking water heater at 9 Pine Lane 78704, my name is Kim"));
    await settle(twilioEnv());
    const sent = await sentTo("twilioUrl", (e) => e.params.To === customer);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ accountSid: "AC11111111111111111111111111111111", params: { From: ws.sms.number } });
    expect(sent[0].params.Body).toMatch(/1\) /);
    expect(sent[0].idempotencyToken).toMatch(/^reply:SM/);
    expect((await thread(ws, customer)).messages.at(-1)).toMatchObject({ status: "sent", simulated: false });
  });

  it("21610 (the number told Twilio STOP) fails the message and records the opt-out", async () => {
    const ws = await workspace();
    await postTwilio(smsParams(ws, "+15550021610", "hello"));
    await settle(twilioEnv());
    expect((await thread(ws, "+15550021610")).messages.at(-1)).toMatchObject({ status: "failed", errorCode: "21610" });
    const consent = await env.DB.prepare("SELECT action, keyword FROM consent_events WHERE tenant_id = ?").bind(ws.tenantId).all();
    expect(consent.results).toEqual([{ action: "opt_out", keyword: "twilio 21610" }]);
  });
});

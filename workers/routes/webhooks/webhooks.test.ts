import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getExpectedTwilioSignature, validateRequest } from "twilio/lib/webhooks/webhooks";
import { call, expectProblem } from "../../../tests/api";
import { metaSignature, postTwilio, postWhatsApp, smsParams, TWILIO_TOKEN, whatsappText, workspace } from "../../../tests/conversations";
import { twilioSignature, verifyTwilioSignature } from "../../providers/sms/twilio-signature";
import { verifyMetaSignature } from "../../providers/whatsapp/signature";

const storedEvents = async (tenantId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbound_events WHERE tenant_id = ?").bind(tenantId).first<{ n: number }>())!.n;

// Twilio's published example (twilio.com/docs/usage/security).
const VECTOR = {
  token: "12345",
  url: "https://mycompany.com/myapp.php?foo=1&bar=2",
  params: { CallSid: "CA1234567890ABCDE", Caller: "+12349013030", Digits: "1234", From: "+12349013030", To: "+18005551212" },
  signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=",
};

describe("integration: WhatsApp webhook", () => {
  it("answers Meta's verification challenge only with the right token", async () => {
    const ok = await call("GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444");
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    await expectProblem(await call("GET", "/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1"), 403);
    await expectProblem(
      await call("GET", "/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1"),
      403,
    );
  });

  it("stores a validly signed event and refuses missing, wrong-secret and tampered signatures", async () => {
    const ws = await workspace();
    const body = whatsappText(ws, "15125550100", "my roof is leaking");
    expect((await postWhatsApp(body)).status).toBe(200);
    expect(await storedEvents(ws.tenantId)).toBe(1);

    await expectProblem(await postWhatsApp(body, null), 401);
    await expectProblem(await postWhatsApp(body, metaSignature(body, "another-app-secret")), 401);
    await expectProblem(await postWhatsApp(body.replace("leaking", "leaking!"), metaSignature(body)), 401); // body changed after signing
    await expectProblem(await postWhatsApp(body, `sha1=${metaSignature(body).slice(7)}`), 401);
    expect(await storedEvents(ws.tenantId)).toBe(1);
  });

  it("acknowledges Meta's resend of a stored delivery without storing it again", async () => {
    const ws = await workspace();
    const body = whatsappText(ws, "15125550100", "my roof is leaking");
    expect((await postWhatsApp(body)).status).toBe(200);
    expect((await postWhatsApp(body)).status).toBe(200);
    expect(await storedEvents(ws.tenantId)).toBe(1);
    expect((await postWhatsApp(whatsappText(ws, "15125550100", "and the gutter"))).status).toBe(200);
    expect(await storedEvents(ws.tenantId)).toBe(2);
  });

  it("acknowledges an unknown phone_number_id with 200 and processes nothing", async () => {
    const ws = await workspace();
    const body = whatsappText({ ...ws, whatsapp: { ...ws.whatsapp, phoneNumberId: "999000999000999" } }, "15125550100", "hello");
    const response = await postWhatsApp(body);
    expect(response.status).toBe(200);
    expect(
      await env.DB.prepare("SELECT count(*) AS n FROM inbound_events WHERE body LIKE '%999000999000999%'").first<{ n: number }>(),
    ).toEqual({ n: 0 });
  });

  it("the app's own check agrees with Node's HMAC, in constant time over raw bytes", async () => {
    const body = new TextEncoder().encode('{"a":"ü"}').buffer as ArrayBuffer;
    expect(await verifyMetaSignature("s3cret", body, metaSignature('{"a":"ü"}', "s3cret"))).toBe(true);
    expect(await verifyMetaSignature("s3cret", body, undefined)).toBe(false);
  });
});

describe("integration: Twilio messaging webhook", () => {
  it("passes Twilio's published test vector, with the official library agreeing", async () => {
    expect(await twilioSignature(VECTOR.token, VECTOR.url, VECTOR.params)).toBe(VECTOR.signature);
    expect(await verifyTwilioSignature(VECTOR.token, VECTOR.url, VECTOR.params, VECTOR.signature)).toBe(true);
    expect(validateRequest(VECTOR.token, VECTOR.signature, VECTOR.url, VECTOR.params)).toBe(true);
    expect(await verifyTwilioSignature(VECTOR.token, VECTOR.url, { ...VECTOR.params, Digits: "9999" }, VECTOR.signature)).toBe(false);
    // Twilio's library also accepts the URL with its default port spelled out.
    expect(
      await verifyTwilioSignature(VECTOR.token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", VECTOR.params, VECTOR.signature),
    ).toBe(true);
  });

  it("stores a signed inbound SMS and refuses a missing, wrong or tampered signature", async () => {
    const ws = await workspace();
    const params = smsParams(ws, "+15125550123", "Burst pipe in the kitchen");
    const ok = await postTwilio(params);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("<Response>");
    expect(await storedEvents(ws.tenantId)).toBe(1);
    await expectProblem(await postTwilio(params, null), 401);
    await expectProblem(
      await postTwilio(params, getExpectedTwilioSignature("wrong-token", "http://localhost:8787/webhooks/twilio/sms", params)),
      401,
    );
    await expectProblem(
      await postTwilio(
        { ...params, Body: "changed" },
        getExpectedTwilioSignature(TWILIO_TOKEN, "http://localhost:8787/webhooks/twilio/sms", params),
      ),
      401,
    );
    expect(await storedEvents(ws.tenantId)).toBe(1);
  });

  it("acknowledges a resent message or status step once stored; each new status step is stored", async () => {
    const ws = await workspace();
    const params = smsParams(ws, "+15125550123", "Burst pipe in the kitchen");
    expect((await postTwilio(params)).status).toBe(200);
    expect((await postTwilio(params)).status).toBe(200);
    expect(await storedEvents(ws.tenantId)).toBe(1);
    const status = (MessageStatus: string) => ({
      MessageSid: "SM0123456789abcdef0123456789abcdef",
      MessageStatus,
      From: ws.sms.number,
      To: "+15125550123",
    });
    for (const step of ["sent", "sent", "delivered", "delivered"]) expect((await postTwilio(status(step))).status).toBe(200);
    expect(await storedEvents(ws.tenantId)).toBe(3);
  });
});

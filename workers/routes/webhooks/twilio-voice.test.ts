import { env } from "cloudflare:workers";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import { describe, expect, it } from "vitest";
import { call, json } from "../../../tests/api";
import { TWILIO_TOKEN, uniqueDigits, workspace } from "../../../tests/conversations";
import { topUp, walletOf } from "../../../tests/wallet";
import { phoneCall, postVoice as post, VOICE_URL } from "../../../tests/voice";
import { findAll, type parseXml } from "../../../tests/xml";

/** What the agent says this turn: the Gather's lines (the silence reprompt after it is not the answer), else every <Say>. */
const spoken = (doc: ReturnType<typeof parseXml>) =>
  findAll(findAll(doc, "Gather")[0] ?? doc, "Say")
    .map((s) => s.text)
    .join(" ");
const callRow = (sid: string) =>
  env.DB.prepare("SELECT status, outcome, duration_seconds, billed_minutes, cost_credits, lead_id, ended_at FROM calls WHERE call_sid = ?")
    .bind(sid)
    .first<any>();
/** These tests are about the Gather path: STT/TTS keys are set for every test, so the workspace opts out of streaming. */
async function gatherWorkspace() {
  const ws = await workspace();
  await env.DB.prepare("INSERT INTO voice_settings (tenant_id, voice_mode, updated_at) VALUES (?, 'gather', ?)")
    .bind(ws.tenantId, Date.now())
    .run();
  return ws;
}
const ledger = async (token: string) =>
  (await json(await call("GET", "/api/v1/wallet/ledger", { token }))).items as {
    type: string;
    credits: number;
    channel: string;
    quantity: number;
    reference: string;
  }[];

describe("POST /webhooks/twilio/voice (TwiML Gather path)", () => {
  it("refuses a bad or missing X-Twilio-Signature on both webhooks", async () => {
    const ws = await gatherWorkspace();
    const c = phoneCall(ws);
    const params = { CallSid: c.CallSid, From: c.From, To: c.To };
    expect((await post("", params, "bm90IGEgc2lnbmF0dXJl")).status).toBe(401);
    expect((await post("", params, null)).status).toBe(401);
    // A signature for the other endpoint's URL is not valid here.
    expect(
      (
        await post(
          "/status",
          { ...params, CallStatus: "completed" },
          getExpectedTwilioSignature(TWILIO_TOKEN, VOICE_URL, { ...params, CallStatus: "completed" }),
        )
      ).status,
    ).toBe(401);
    expect((await post("/status", { ...params, CallStatus: "completed" }, null)).status).toBe(401);
    expect((await post("/status", { ...params, CallStatus: "completed" })).status).toBe(200);
  });

  it("a multi-turn call through the local engine qualifies, books and creates a voice lead", async () => {
    const ws = await gatherWorkspace();
    const c = phoneCall(ws, "+15125550166");
    const greeting = await c.start();
    const gather = findAll(greeting, "Gather")[0]!;
    expect(gather.attributes).toMatchObject({ input: "speech dtmf", action: VOICE_URL, speechTimeout: "auto" });
    expect(spoken(greeting)).toMatch(/^This call is recorded so we can help you better\. Thanks for calling Leak Busters/);

    expect(spoken(await c.say("Water is pouring through my kitchen ceiling!"))).toMatch(/urgent.*address/is);
    expect(spoken(await c.say("12 Oak Street, Austin 78704"))).toMatch(/name/i);
    const offer = spoken(await c.say("Maria Garcia"));
    expect(offer).toMatch(/Say 1 for .*Say 2 for/);
    expect(spoken(await c.say("The second one."))).toMatch(/^Booked: .* with Pat Plumber/);

    const row = await callRow(c.CallSid);
    expect(row).toMatchObject({ status: "in-progress", lead_id: expect.stringMatching(/^lead?_/) });
    const lead = await json(await call("GET", `/api/v1/leads/${row.lead_id}`, { token: ws.token }));
    expect(lead).toMatchObject({
      source: "voice",
      status: "booked",
      trade: "plumbing",
      postcode: "78704",
      phone: "+15125550166",
      name: "Maria Garcia",
      hot: true,
    });

    expect((await c.end(95)).status).toBe(200);
    expect(await callRow(c.CallSid)).toMatchObject({ status: "completed", outcome: "completed", duration_seconds: 95, billed_minutes: 0 });
  }, 20_000);

  it("the recording disclosure is the call's first words in the workspace's wording, or not said when turned off", async () => {
    const ws = await gatherWorkspace();
    const settings = (body: Record<string, unknown>) =>
      call("PUT", "/api/v1/voice/settings", { token: ws.token, body: { forwardNumber: null, voiceMode: "gather", ...body } });
    expect((await settings({ disclosureText: "Calls are recorded for training." })).status).toBe(200);
    expect(spoken(await phoneCall(ws).start())).toMatch(/^Calls are recorded for training\. Thanks for calling/);
    expect((await settings({ recordingDisclosure: false })).status).toBe(200);
    expect(spoken(await phoneCall(ws).start())).toMatch(/^Thanks for calling/);
  });

  it("0 (or asking for a person) dials the forward number when one is configured", async () => {
    const ws = await gatherWorkspace();
    const c = phoneCall(ws);
    await c.start();
    expect(findAll(await c.press("0"), "Dial")).toHaveLength(0); // none configured: the agent carries on
    await env.DB.prepare("UPDATE voice_settings SET forward_number = ? WHERE tenant_id = ?").bind("+15125550999", ws.tenantId).run();
    expect(findAll(await c.say("Can I speak to an agent please"), "Dial")[0]!.text).toBe("+15125550999");
    await c.end(30);
    expect(await callRow(c.CallSid)).toMatchObject({ outcome: "transferred", status: "completed" });
  });

  it("refuses politely when a funded wallet has no call budget", async () => {
    const ws = await gatherWorkspace();
    await topUp(ws.token, 1);
    await call("POST", "/api/v1/wallet/debits", { token: ws.token, body: { channel: "email", quantity: 1 } });
    const c = phoneCall(ws);
    const doc = await c.start();
    expect(doc.children.map((e) => e.name)).toEqual(["Say", "Hangup"]);
    expect(spoken(doc)).toMatch(/can't take calls on this line right now/);
    expect(await callRow(c.CallSid)).toMatchObject({ status: "refused", outcome: "refused_budget" });
  });

  it("refuses politely when the platform-wide concurrent-call cap is reached", async () => {
    const ws = await gatherWorkspace();
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM calls WHERE status = 'in-progress'").first<{ n: number }>())!;
    const filler = Array.from({ length: Math.max(0, 50 - n) }, (_, i) => `CAFILL${i}${uniqueDigits(20)}`);
    const now = Date.now();
    for (const sid of filler)
      await env.DB.prepare(
        "INSERT INTO calls (id, tenant_id, call_sid, channel_id, from_number, to_number, status, started_at, created_at, updated_at) VALUES (?, ?, ?, ?, '+1', '+1', 'in-progress', ?, ?, ?)",
      )
        .bind(`call_${sid}`, ws.tenantId, sid, ws.sms.id, now, now, now)
        .run();
    try {
      const c = phoneCall(ws);
      const doc = await c.start();
      expect(findAll(doc, "Gather")).toHaveLength(0);
      expect(spoken(doc)).toMatch(/All our lines are busy/);
      expect(await callRow(c.CallSid)).toMatchObject({ status: "refused", outcome: "refused_cap" });
    } finally {
      await env.DB.prepare("DELETE FROM calls WHERE call_sid LIKE 'CAFILL%'").run();
    }
    expect(findAll(await phoneCall(ws).start(), "Gather")).toHaveLength(1);
  });

  it("the status callback ends a call once and charges a funded wallet per started minute", async () => {
    const ws = await gatherWorkspace();
    await topUp(ws.token, 1000);
    const c = phoneCall(ws);
    await c.start();
    expect((await walletOf(ws.token)).reserved).toBeGreaterThan(0); // one minute held while the call runs
    expect((await c.end(61)).status).toBe(200);
    expect((await c.end(61)).status).toBe(200); // a repeated callback changes nothing
    expect(await callRow(c.CallSid)).toMatchObject({ status: "completed", duration_seconds: 61, billed_minutes: 2 });
    const captures = (await ledger(ws.token)).filter((e) => e.type === "capture");
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ channel: "voice", quantity: 2, reference: c.CallSid });
    expect(await walletOf(ws.token)).toMatchObject({ balance: 1000 + captures[0]!.credits, reserved: 0 });
    expect(captures[0]!.credits).toBeLessThan(0);
    expect((await callRow(c.CallSid)).cost_credits).toBe(-captures[0]!.credits); // the call shows what its minutes cost
  });
});

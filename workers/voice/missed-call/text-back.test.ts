import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { call, expectProblem, json } from "../../../tests/api";
import {
  postTwilio,
  postWhatsApp,
  replies,
  settle,
  smsParams,
  thread,
  uniqueDigits,
  whatsappText,
  workspace,
  type Workspace,
} from "../../../tests/conversations";
import { receivedRecordings, scriptTranscript, twilioFile, wavRecording } from "../../../tests/media";
import { phoneCall, postVoice } from "../../../tests/voice";
import { topUp } from "../../../tests/wallet";
import { findAll, parseXml } from "../../../tests/xml";
import { sendTextBack } from "./text-back";
import { storeVoicemail } from "./voicemail";

const ACCOUNT = "AC00000000000000000000000000000000";
const callOf = (sid: string) =>
  env.DB.prepare("SELECT id, tenant_id AS tenantId, outcome, text_back_at FROM calls WHERE call_sid = ?").bind(sid).first<any>();
const outboxTo = async (recipient: string) =>
  (await env.DB.prepare("SELECT channel, body FROM outbox WHERE recipient = ? ORDER BY created_at").bind(recipient).all<any>()).results;
async function gatherWorkspace(forwardNumber: string | null = null): Promise<Workspace> {
  const ws = await workspace();
  await env.DB.prepare("INSERT INTO voice_settings (tenant_id, voice_mode, forward_number, updated_at) VALUES (?, 'gather', ?, ?)")
    .bind(ws.tenantId, forwardNumber, Date.now())
    .run();
  return ws;
}
/** What the queue would run after the call (the test does not wait for the runtime's consumer). */
async function textBack(sid: string) {
  const row = await callOf(sid);
  await sendTextBack(env, { tenantId: row.tenantId, callId: row.id });
  await settle();
  return row;
}

describe("integration: missed-call text-back", () => {
  it("a call refused for want of budget gets one SMS that opens a thread; the reply is an ordinary turn", async () => {
    const ws = await gatherWorkspace();
    await topUp(ws.token, 1);
    await call("POST", "/api/v1/wallet/debits", { token: ws.token, body: { channel: "email", quantity: 1 } });
    const c = phoneCall(ws);
    await c.start();
    const row = await textBack(c.CallSid);
    await textBack(c.CallSid); // a second run (a retried queue message) sends nothing more
    const texts = await outboxTo(c.From);
    expect(texts).toEqual([
      { channel: "sms", body: expect.stringMatching(/^Hi, it's Leak Busters \d+\. Sorry we couldn't take your call just now\./) },
    ]);

    expect((await postTwilio(smsParams(ws, c.From, "Water is pouring through my kitchen ceiling!"))).status).toBe(200);
    await settle();
    const t = await thread(ws, c.From);
    expect(replies(t)).toHaveLength(2);
    expect(replies(t)[1]).toMatch(/urgent.*address/is);
    const detail = await json(await call("GET", `/api/v1/calls/${row.id}`, { token: ws.token }));
    expect(detail.textBack).toMatchObject({ conversationId: t.id, sentAt: expect.any(String) });
  });

  it("a caller who hangs up before booking is texted about the job the call learned, and the thread carries on from it", async () => {
    const ws = await gatherWorkspace();
    const c = phoneCall(ws);
    await c.start();
    await c.say("My roof is leaking into the bedroom");
    await c.end(40);
    await textBack(c.CallSid);
    const [text] = await outboxTo(c.From);
    expect(text.body).toMatch(/Looks like we got cut off\. Reply here about your roofing job/);
    await postTwilio(smsParams(ws, c.From, "12 Oak Street, Austin 78704"));
    await settle();
    const answer = replies(await thread(ws, c.From)).at(-1)!;
    expect(answer).not.toMatch(/What do you need help with/i);
    expect(answer).toMatch(/name|urgent|slot|time/i);
  });

  it("goes to WhatsApp when the caller's number already talks to the workspace there", async () => {
    const ws = await gatherWorkspace();
    const digits = `1512555${uniqueDigits(4)}`;
    await postWhatsApp(whatsappText(ws, digits, "hello"));
    await settle();
    const c = phoneCall(ws, `+${digits}`);
    await c.start();
    await c.end(5);
    await textBack(c.CallSid);
    expect(await outboxTo(`+${digits}`)).toEqual([]);
    expect((await outboxTo(digits)).map((m: any) => m.channel)).toEqual(["whatsapp", "whatsapp"]);
    expect(replies(await thread(ws, digits)).at(-1)).toMatch(/Looks like we got cut off/);
  });

  it("a transfer nobody answers offers voicemail; the recording is stored, transcribed and shown on the call, and the caller texted", async () => {
    const ws = await gatherWorkspace("+15125550999");
    const c = phoneCall(ws);
    await c.start();
    const dial = findAll(await c.say("Can I speak to a person please"), "Dial")[0]!;
    expect(dial.attributes).toMatchObject({ action: "http://localhost:8787/webhooks/twilio/voice/dial", timeout: "20" });

    const base = { AccountSid: ACCOUNT, CallSid: c.CallSid, From: c.From, To: c.To };
    const dialed = await postVoice("/dial", { ...base, DialCallStatus: "no-answer", DialCallDuration: "0" });
    const record = findAll(parseXml(await dialed.text()), "Record")[0]!;
    expect(record.attributes).toMatchObject({
      action: "http://localhost:8787/webhooks/twilio/voice/voicemail",
      recordingStatusCallback: "http://localhost:8787/webhooks/twilio/voice/recording",
      playBeep: "true",
    });
    expect((await callOf(c.CallSid)).outcome).toBe("transfer_unanswered");
    const done = await (
      await postVoice("/voicemail", { ...base, RecordingUrl: "https://api.twilio.com/x", RecordingDuration: "4" })
    ).text();
    expect(done).toMatch(/got your message.*<Hangup\/>/s);

    const recordingSid = `RE${uniqueDigits(32)}`;
    const recording = {
      ...base,
      RecordingSid: recordingSid,
      RecordingStatus: "completed",
      RecordingDuration: "3",
      RecordingChannels: "1",
      RecordingSource: "RecordVerb",
    };
    const path = `/2010-04-01/Accounts/${ACCOUNT}/Recordings/${recordingSid}`;
    expect((await postVoice("/recording", { ...recording, RecordingUrl: `https://api.twilio.com${path}` })).status).toBe(200);
    // What the queue then runs, against the Twilio fake.
    await twilioFile(`${path}.wav`, "audio/x-wav", wavRecording());
    await scriptTranscript(recordingSid, "Hi, it's Maria, my roof is leaking, please call me back.");
    const row = await callOf(c.CallSid);
    const keyed = { ...env, TWILIO_ACCOUNT_SID: ACCOUNT, TWILIO_API_URL: inject("twilioUrl") };
    const message = { tenantId: row.tenantId, callId: row.id, recordingUrl: `${inject("twilioUrl")}${path}`, recordingSid, seconds: 3 };
    await storeVoicemail(keyed, message);
    await storeVoicemail(keyed, message); // once per call
    expect(await receivedRecordings(recordingSid)).toHaveLength(1);

    await c.end(60);
    await textBack(c.CallSid);
    expect((await outboxTo(c.From)).map((m: any) => m.body)).toEqual([expect.stringMatching(/Sorry nobody could pick up just now/)]);
    const detail = await json(await call("GET", `/api/v1/calls/${row.id}`, { token: ws.token }));
    expect(detail.outcome).toBe("transfer_unanswered");
    expect(detail.voicemail).toMatchObject({
      transcript: "Hi, it's Maria, my roof is leaking, please call me back.",
      url: expect.stringContaining("/api/v1/media/"),
    });
    expect(detail.voicemail.seconds).toBeGreaterThan(1);
    const audio = await call("GET", detail.voicemail.url.replace(/^https?:\/\/[^/]+/, ""));
    expect(audio.status).toBe(200);
    expect(new Uint8Array(await audio.arrayBuffer()).length).toBe(wavRecording().length);
  });

  it("an answered transfer is not texted; bad recording callbacks are 4xx", async () => {
    const ws = await gatherWorkspace("+15125550999");
    const c = phoneCall(ws);
    await c.start();
    await c.say("agent");
    const base = { AccountSid: ACCOUNT, CallSid: c.CallSid, From: c.From, To: c.To };
    expect(findAll(parseXml(await (await postVoice("/dial", { ...base, DialCallStatus: "completed" })).text()), "Record")).toHaveLength(0);
    await c.end(90);
    await textBack(c.CallSid);
    expect(await outboxTo(c.From)).toEqual([]);

    const recording = { ...base, RecordingSid: `RE${uniqueDigits(32)}`, RecordingStatus: "completed", RecordingDuration: "3" };
    const missing = await expectProblem(await postVoice("/recording", recording), 400);
    expect(missing.detail).toMatch(/needs CallSid, RecordingSid and RecordingUrl/);
    const foreign = await expectProblem(
      await postVoice("/recording", { ...recording, RecordingUrl: "https://evil.example/Recordings/RE1" }),
      400,
    );
    expect(foreign.detail).toMatch(/not a recording on the Twilio API/);
    expect((await postVoice("/recording", { ...recording, RecordingUrl: "https://api.twilio.com/x" }, "bm90IGEgc2lnbmF0dXJl")).status).toBe(
      401,
    );
  });
});

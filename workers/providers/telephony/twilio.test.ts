import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { ProviderRejection } from "../whatsapp/provider";
import { TwilioCallControl } from "./twilio";
import { callControl } from ".";

const ACCOUNT = "AC11111111111111111111111111111111";
const TOKEN = "test-twilio-auth-token";
const callSid = () => `CA${crypto.randomUUID().replace(/-/g, "")}`;
const updates = async (sid: string) =>
  (await (await fetch(`${inject("twilioUrl")}/__calls?callSid=${sid}`)).json()) as { params: Record<string, string> }[];

describe("integration: Twilio call control (contract fake)", () => {
  it("redirects a live call to new TwiML (a transfer), then hangs it up", async () => {
    const control = new TwilioCallControl(ACCOUNT, TOKEN, inject("twilioUrl"));
    const sid = callSid();
    const twiml = '<?xml version="1.0" encoding="UTF-8"?><Response><Dial>+15125550199</Dial></Response>';
    await control.redirect(sid, twiml);
    await control.hangup(sid);
    expect(await updates(sid)).toEqual([
      { callSid: sid, params: { Twiml: twiml } },
      { callSid: sid, params: { Status: "completed" } },
    ]);
  });

  it("says why Twilio refused: a wrong auth token, a call that already ended", async () => {
    await expect(new TwilioCallControl(ACCOUNT, "wrong-token", inject("twilioUrl")).hangup(callSid())).rejects.toThrow(
      "Twilio 401: 20003 Authenticate",
    );
    const control = new TwilioCallControl(ACCOUNT, TOKEN, inject("twilioUrl"));
    const sid = callSid();
    await control.hangup(sid);
    const refusal = await control.redirect(sid, "<Response><Say>Hello</Say></Response>").catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(ProviderRejection);
    expect(refusal).toMatchObject({ code: "21220" });
  });
});

describe("call control choice", () => {
  it("uses Twilio with an account, simulates locally without one, and refuses to simulate in production", async () => {
    expect(callControl({ ...env, TWILIO_ACCOUNT_SID: ACCOUNT })).toMatchObject({ name: "twilio", simulated: false });
    const local = callControl({ ...env, TWILIO_ACCOUNT_SID: undefined });
    expect(local).toMatchObject({ name: "local", simulated: true });
    await expect(local.hangup(callSid())).resolves.toBeUndefined();
    expect(() => callControl({ ...env, TWILIO_ACCOUNT_SID: undefined, ENVIRONMENT: "production" })).toThrow(/production does not simulate/);
  });
});

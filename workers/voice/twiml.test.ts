import { describe, expect, it } from "vitest";
import { findAll, parseXml } from "../../tests/xml";
import { dialTwiml, gatherTwiml, sayHangupTwiml, streamTwiml, voicemailTwiml } from "./twiml";

describe("TwiML for the Gather path", () => {
  it("a Gather for speech (and a keyed 0) that speaks the lines and posts back to the action", () => {
    const doc = parseXml(gatherTwiml(["Hello & welcome to <Bob's> Plumbing.", "What's wrong?"], "https://x.example/webhooks/twilio/voice"));
    expect(doc.name).toBe("Response");
    const [gather] = doc.children;
    expect(gather).toMatchObject({
      name: "Gather",
      attributes: {
        input: "speech dtmf",
        action: "https://x.example/webhooks/twilio/voice",
        method: "POST",
        speechTimeout: "auto",
        language: "en-US",
        numDigits: "1",
      },
    });
    expect(gather!.children.map((say) => [say.name, say.text])).toEqual([
      ["Say", "Hello & welcome to <Bob's> Plumbing."],
      ["Say", "What's wrong?"],
    ]);
    // Silence: a reprompt, then the same action again.
    expect(doc.children.slice(1).map((e) => e.name)).toEqual(["Say", "Redirect"]);
    expect(findAll(doc, "Redirect")[0]!.text).toBe("https://x.example/webhooks/twilio/voice");
  });

  it("a refusal says its line and hangs up; a transfer dials the number", () => {
    expect(parseXml(sayHangupTwiml(["Goodbye."])).children.map((e) => e.name)).toEqual(["Say", "Hangup"]);
    const dial = parseXml(dialTwiml(["Connecting you."], "+15125550000"));
    expect(findAll(dial, "Dial")[0]!.text).toBe("+15125550000");
    expect(findAll(dial, "Dial")[0]!.attributes).toEqual({});
    const reported = findAll(parseXml(dialTwiml([], "+15125550000", "https://x.example/webhooks/twilio/voice/dial?a=1&b=2")), "Dial")[0]!;
    expect(reported.attributes).toEqual({ action: "https://x.example/webhooks/twilio/voice/dial?a=1&b=2", method: "POST", timeout: "20" });
  });

  it("voicemail: the prompt, then a Record whose end and stored recording post back", () => {
    const doc = parseXml(
      voicemailTwiml(["Leave a message."], {
        action: "https://x.example/webhooks/twilio/voice/voicemail",
        recordingStatusCallback: "https://x.example/webhooks/twilio/voice/recording",
      }),
    );
    expect(doc.children.map((e) => e.name)).toEqual(["Say", "Record"]);
    expect(doc.children[1]!.attributes).toMatchObject({
      action: "https://x.example/webhooks/twilio/voice/voicemail",
      maxLength: "120",
      playBeep: "true",
      recordingStatusCallback: "https://x.example/webhooks/twilio/voice/recording",
      recordingStatusCallbackEvent: "completed",
    });
  });

  it("a bidirectional Stream to our socket, its values as escaped Parameters", () => {
    const doc = parseXml(streamTwiml("wss://x.example/voice/stream/call_1", { callId: "call_1", token: 'a"<&>' }));
    const stream = findAll(doc, "Connect")[0]!.children[0]!;
    expect(stream).toMatchObject({ name: "Stream", attributes: { url: "wss://x.example/voice/stream/call_1" } });
    expect(stream.children.map((p) => p.attributes)).toEqual([
      { name: "callId", value: "call_1" },
      { name: "token", value: 'a"<&>' },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { clearMessage, decodeBase64, markMessage, mediaMessage, parseTwilioMessage } from "./protocol";

const SID = "MZ00000000000000000000000000000001";
const frame = new Uint8Array(160).map((_, i) => (i * 7) & 0xff);
const payload = btoa(String.fromCharCode(...frame));

describe("Media Streams protocol", () => {
  it("parses every message Twilio sends, numbers as numbers", () => {
    expect(parseTwilioMessage(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }), "c")).toEqual({
      event: "connected",
      protocol: "Call",
      version: "1.0.0",
    });
    const start = parseTwilioMessage(
      JSON.stringify({
        event: "start",
        sequenceNumber: "1",
        streamSid: SID,
        start: {
          accountSid: "AC1",
          streamSid: SID,
          callSid: "CA1",
          tracks: ["inbound"],
          customParameters: { callId: "call_1", token: "t" },
          mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        },
      }),
      "c",
    );
    expect(start).toMatchObject({
      event: "start",
      sequenceNumber: 1,
      start: { callSid: "CA1", customParameters: { callId: "call_1", token: "t" } },
    });
    const media = parseTwilioMessage(
      JSON.stringify({
        event: "media",
        sequenceNumber: "3",
        streamSid: SID,
        media: { track: "inbound", chunk: "2", timestamp: "40", payload },
      }),
      "c",
    );
    expect(media).toMatchObject({ event: "media", media: { chunk: 2, timestamp: 40 } });
    expect(decodeBase64(media!.event === "media" ? media!.media.payload : "")).toEqual(frame);
    expect(
      parseTwilioMessage(
        JSON.stringify({ event: "dtmf", sequenceNumber: "4", streamSid: SID, dtmf: { track: "inbound_track", digit: "0" } }),
        "c",
      ),
    ).toMatchObject({ dtmf: { digit: "0" } });
    expect(
      parseTwilioMessage(JSON.stringify({ event: "mark", sequenceNumber: "5", streamSid: SID, mark: { name: "t1c0b800" } }), "c"),
    ).toMatchObject({ mark: { name: "t1c0b800" } });
    expect(
      parseTwilioMessage(
        JSON.stringify({ event: "stop", sequenceNumber: "6", streamSid: SID, stop: { accountSid: "AC1", callSid: "CA1" } }),
        "c",
      ),
    ).toMatchObject({ event: "stop", stop: { callSid: "CA1" } });
  });

  it("ignores what Twilio would not send instead of throwing", () => {
    expect(parseTwilioMessage("{not json", "c")).toBeNull();
    expect(parseTwilioMessage(new ArrayBuffer(4), "c")).toBeNull();
    expect(parseTwilioMessage(JSON.stringify({ event: "hello" }), "c")).toBeNull();
    expect(
      parseTwilioMessage(
        JSON.stringify({
          event: "media",
          sequenceNumber: "x",
          streamSid: SID,
          media: { track: "inbound", chunk: "1", timestamp: "0", payload },
        }),
        "c",
      ),
    ).toBeNull();
    expect(
      parseTwilioMessage(
        JSON.stringify({
          event: "media",
          sequenceNumber: "1",
          streamSid: SID,
          media: { track: "inbound", chunk: "1", timestamp: "0", payload: "%%%" },
        }),
        "c",
      ),
    ).toBeNull();
    expect(
      parseTwilioMessage(
        JSON.stringify({ event: "dtmf", sequenceNumber: "1", streamSid: SID, dtmf: { track: "inbound_track", digit: "12" } }),
        "c",
      ),
    ).toBeNull();
    expect(parseTwilioMessage("null", "c")).toBeNull();
  });

  it("builds media (bare base64 μ-law), mark and clear", () => {
    expect(JSON.parse(mediaMessage(SID, frame))).toEqual({ event: "media", streamSid: SID, media: { payload } });
    expect(JSON.parse(markMessage(SID, "t1c0b160"))).toEqual({ event: "mark", streamSid: SID, mark: { name: "t1c0b160" } });
    expect(JSON.parse(clearMessage(SID))).toEqual({ event: "clear", streamSid: SID });
  });
});

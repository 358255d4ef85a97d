import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import { call } from "./api";
import { TWILIO_TOKEN } from "./conversations";
import { frames } from "./voice-fixtures";

export const streamPath = (callId: string) => `/voice/stream/${callId}`;
/** What Twilio signs for the handshake: the ws URL it was given, no parameters. */
export const streamSignature = (callId: string, token = TWILIO_TOKEN) =>
  getExpectedTwilioSignature(token, `ws://localhost:8787${streamPath(callId)}`, {});

/** The upgrade request Twilio makes, signed (or with `signature`, or none). */
export function streamHandshake(callId: string, signature: string | null = streamSignature(callId)): Promise<Response> {
  return call("GET", streamPath(callId), { headers: { Upgrade: "websocket", ...(signature ? { "X-Twilio-Signature": signature } : {}) } });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A simulated Twilio Media Streams client: opens /voice/stream/{callId} with the handshake
 * signature, speaks the protocol (connected, start, 20 ms media frames in real time, dtmf, stop),
 * echoes every mark as Twilio does once the audio before it has played, and records what the
 * session sends back.
 */
export async function twilioStream(callId: string, options: { echoMarks?: boolean } = {}) {
  const response = await streamHandshake(callId);
  const socket = response.webSocket;
  if (!socket) throw new Error(`stream refused: ${response.status} ${await response.text()}`);
  socket.accept();
  const streamSid = `MZ${crypto.randomUUID().replace(/-/g, "")}`;
  const received: { event: string; media?: { payload: string }; mark?: { name: string } }[] = [];
  let closed: { code: number; reason: string } | null = null;
  let seq = 0;
  let chunk = 0;
  let audioMs = 0;
  const send = (message: Record<string, unknown>) => socket.send(JSON.stringify({ ...message, sequenceNumber: String(++seq), streamSid }));
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data as string);
    received.push(message);
    if (message.event === "mark" && options.echoMarks !== false) send({ event: "mark", mark: { name: message.mark.name } });
  });
  socket.addEventListener("close", (event) => {
    closed = { code: event.code, reason: event.reason };
  });
  const client = {
    response,
    socket,
    streamSid,
    received,
    get closed() {
      return closed;
    },
    connected: () => socket.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" })),
    start: (callSid: string, parameters: Record<string, string>) =>
      send({
        event: "start",
        start: {
          accountSid: "AC00000000000000000000000000000000",
          streamSid,
          callSid,
          tracks: ["inbound"],
          customParameters: parameters,
          mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
        },
      }),
    /** Streams audio in real time (five 20 ms frames per 100 ms). */
    async play(audio: Uint8Array) {
      const all = frames(audio);
      for (let i = 0; i < all.length; i += 5) {
        for (const frame of all.slice(i, i + 5)) {
          send({
            event: "media",
            media: { track: "inbound", chunk: String(++chunk), timestamp: String(audioMs), payload: btoa(String.fromCharCode(...frame)) },
          });
          audioMs += 20;
        }
        await sleep(100);
      }
    },
    dtmf: (digit: string) => send({ event: "dtmf", dtmf: { track: "inbound_track", digit } }),
    stop: (callSid: string) => send({ event: "stop", stop: { accountSid: "AC00000000000000000000000000000000", callSid } }),
    raw: (text: string) => socket.send(text),
    /** Outbound media frames so far. */
    mediaCount: () => received.filter((m) => m.event === "media").length,
    events: () => received.map((m) => m.event),
    async until(check: () => boolean, timeoutMs = 5000, what = "condition") {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; events: ${[...new Set(client.events())].join(",")}`);
        await sleep(20);
      }
    },
  };
  return client;
}

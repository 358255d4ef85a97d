// A phone call as Twilio makes it, for the simulator and the voice benchmarks: the signed voice
// webhook, then the Media Streams WebSocket its <Connect><Stream> names — opened with the
// X-Twilio-Signature Twilio sends on the upgrade — speaking the protocol exactly: `connected`,
// `start` (custom parameters), μ-law `media` frames every 20 ms (the caller's lines, silence
// between them, as a phone line carries), `dtmf`, `stop`. The agent's audio is "played" in real
// time as Twilio would, its marks echoed once played (or at once on `clear`).
import { randomUUID } from "node:crypto";
import WebSocket from "ws";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks.js";
import { postTwilioWebhook } from "./twilio-webhook.mjs";

const FRAME_MS = 20;
const FRAME_BYTES = 160;
const SILENCE = Buffer.alloc(FRAME_BYTES, 0xff);
/** Agent audio that stops for this long (after playing out) has finished its turn. */
const AGENT_DONE_MS = 700;
/** Agent audio further apart than this is a new turn (the caller spoke in between), not late audio. */
const BURST_GAP_MS = 1000;

const decodeXml = (s) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Stream URL and its <Parameter>s from the voice webhook's TwiML; null when it answered another way (e.g. <Gather>). */
export function parseStreamTwiml(twiml) {
  const stream = /<Connect>\s*<Stream\b[^>]*\burl="([^"]+)"[^>]*>([\s\S]*?)<\/Stream>/.exec(twiml);
  if (!stream) return null;
  const parameters = Object.fromEntries(
    [...stream[2].matchAll(/<Parameter\b[^>]*\bname="([^"]*)"[^>]*\bvalue="([^"]*)"/g)].map(([, name, value]) => [
      decodeXml(name),
      decodeXml(value),
    ]),
  );
  return { url: decodeXml(stream[1]), parameters };
}

/**
 * Places one call. `lines` are { text, audio } (μ-law) or { dtmf: "0" }; each line is spoken once
 * the agent has finished talking. `beforeStream({ callSid, parameters })` runs between the
 * webhook and the stream (to script fakes by call id). Answers what was measured.
 */
export async function mediaStreamCall({
  baseUrl,
  authToken,
  accountSid = "AC00000000000000000000000000000000",
  from,
  to,
  lines,
  beforeStream = async () => {},
  maxAgentWaitMs = 20_000,
}) {
  const callSid = `CA${randomUUID().replace(/-/g, "")}`;
  const call = {
    AccountSid: accountSid,
    CallSid: callSid,
    From: from,
    To: to,
    Direction: "inbound",
    CallStatus: "ringing",
    ApiVersion: "2010-04-01",
  };
  const twiml = await postTwilioWebhook(authToken, `${baseUrl}/webhooks/twilio/voice`, call);
  const stream = parseStreamTwiml(twiml);
  if (!stream)
    throw new Error(
      `The voice webhook did not answer with <Connect><Stream> (voice mode "gather", or no STT/TTS keys?): ${twiml.slice(0, 300)}`,
    );
  await beforeStream({ callSid, parameters: stream.parameters });

  // Twilio signs the URL it connects to (no POST parameters on an upgrade). A local server speaks plain ws.
  const signature = getExpectedTwilioSignature(authToken, stream.url, {});
  const socketUrl = baseUrl.startsWith("http://") ? stream.url.replace(/^wss:/, "ws:") : stream.url;
  const socket = new WebSocket(socketUrl, { headers: { "X-Twilio-Signature": signature } });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
    socket.once("unexpected-response", (_, res) => reject(new Error(`/voice/stream refused the upgrade: HTTP ${res.statusCode}`)));
  });

  const streamSid = `MZ${randomUUID().replace(/-/g, "")}`;
  let sequence = 0;
  const send = (message) =>
    socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ ...message, sequenceNumber: String(++sequence), streamSid }));
  socket.send(JSON.stringify({ event: "connected", protocol: "Call", version: "1.0.0" }));
  send({
    event: "start",
    start: {
      accountSid,
      streamSid,
      callSid,
      tracks: ["inbound"],
      customParameters: stream.parameters,
      mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
    },
  });

  // Inbound: one frame every 20 ms from the moment the call connects, on a drift-free schedule.
  const startedAt = performance.now();
  let chunk = 0;
  let speaking = null; // { audio, offset, done }
  let pump;
  const tick = () => {
    let frame = SILENCE;
    if (speaking) {
      frame = Buffer.from(speaking.audio.subarray(speaking.offset, speaking.offset + FRAME_BYTES));
      if (frame.length < FRAME_BYTES) frame = Buffer.concat([frame, SILENCE.subarray(frame.length)]);
      speaking.offset += FRAME_BYTES;
      if (speaking.offset >= speaking.audio.length) {
        speaking.done(performance.now());
        speaking = null;
      }
    }
    chunk++;
    send({
      event: "media",
      media: { track: "inbound", chunk: String(chunk), timestamp: String(chunk * FRAME_MS), payload: frame.toString("base64") },
    });
    pump = setTimeout(tick, Math.max(0, startedAt + (chunk + 1) * FRAME_MS - performance.now()));
  };
  pump = setTimeout(tick, FRAME_MS);
  const speak = (audio) => new Promise((done) => (speaking = { audio, offset: 0, done }));

  // Outbound: the agent's audio, played out in real time.
  const received = []; // { at, ms } per media frame
  const marks = [];
  let playedUntil = 0;
  let cleared = 0;
  const pendingMarks = new Set();
  socket.on("message", (data) => {
    const message = JSON.parse(data.toString());
    const now = performance.now();
    if (message.event === "media") {
      const ms = Buffer.from(message.media.payload, "base64").length / 8;
      received.push({ at: now, ms });
      playedUntil = Math.max(playedUntil, now) + ms;
    } else if (message.event === "mark") {
      const mark = { name: message.mark.name, timer: null };
      mark.timer = setTimeout(() => echoMark(mark), Math.max(0, playedUntil - now));
      pendingMarks.add(mark);
    } else if (message.event === "clear") {
      cleared++;
      playedUntil = now;
      for (const mark of pendingMarks) echoMark(mark);
    }
  });
  const echoMark = (mark) => {
    clearTimeout(mark.timer);
    if (!pendingMarks.delete(mark)) return;
    marks.push(mark.name);
    send({ event: "mark", mark: { name: mark.name } });
  };
  const closed = new Promise((resolve) => socket.once("close", resolve));

  /** Resolves once the agent has played out and gone quiet (or after `maxAgentWaitMs`). */
  const agentDone = async (since) => {
    const deadline = performance.now() + maxAgentWaitMs;
    while (performance.now() < deadline && socket.readyState === WebSocket.OPEN) {
      const last = received.at(-1)?.at ?? 0;
      const quietSince = Math.max(playedUntil, last);
      if (last > since && performance.now() - quietSince >= AGENT_DONE_MS) return;
      await sleep(FRAME_MS);
    }
  };

  const turns = [];
  await agentDone(0); // the greeting
  for (const line of lines) {
    if (socket.readyState !== WebSocket.OPEN) break;
    if (line.dtmf) {
      send({ event: "dtmf", dtmf: { track: "inbound_track", digit: line.dtmf } });
      turns.push({ dtmf: line.dtmf });
      await agentDone(performance.now());
      continue;
    }
    await sleep(300); // a natural gap before answering
    const endedAt = await speak(line.audio);
    await agentDone(endedAt);
    const first = received.find((r) => r.at > endedAt);
    turns.push({ text: line.text, voiceToVoiceMs: first ? Math.round(first.at - endedAt) : null });
  }

  clearTimeout(pump);
  for (const mark of pendingMarks) clearTimeout(mark.timer);
  send({ event: "stop", stop: { accountSid, callSid } });
  socket.close(1000);
  await Promise.race([closed, sleep(2000)]);
  // Then Twilio's status callback ends the call.
  const seconds = Math.max(1, Math.round((performance.now() - startedAt) / 1000));
  await postTwilioWebhook(authToken, `${baseUrl}/webhooks/twilio/voice/status`, {
    ...call,
    CallStatus: "completed",
    CallDuration: String(seconds),
  });
  return {
    callSid,
    parameters: stream.parameters,
    seconds,
    turns,
    framesSent: chunk,
    framesReceived: received.length,
    marksEchoed: marks.length,
    clears: cleared,
    jitterMs: pacingJitter(received),
  };
}

/**
 * Outbound pacing as the caller hears it. Twilio plays a burst from its first frame at 20 ms a
 * frame, so each frame is due at the burst's start plus the audio before it; arriving early is
 * the pacer's small lead (buffered, fine), arriving late is a gap the caller hears (playback then
 * restarts from that frame). `lateMs` has one entry per frame after a burst's first; `gapDeviationMs`
 * is the plain spread of inter-arrival gaps around the frame length, for reference.
 */
export function pacingJitter(received) {
  const lateMs = [];
  const gapDeviationMs = [];
  let start = 0;
  let audioMs = 0;
  for (let i = 0; i < received.length; i++) {
    const frame = received[i];
    const gap = i ? frame.at - received[i - 1].at : Infinity;
    if (gap > BURST_GAP_MS) {
      start = frame.at;
      audioMs = 0;
    } else {
      gapDeviationMs.push(Math.abs(gap - received[i - 1].ms));
      const late = frame.at - (start + audioMs);
      lateMs.push(Math.max(0, late));
      if (late > 0) {
        start = frame.at;
        audioMs = 0;
      }
    }
    audioMs += frame.ms;
  }
  return { lateMs, gapDeviationMs };
}

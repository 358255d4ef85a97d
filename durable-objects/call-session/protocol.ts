import { z } from "zod";
import { log } from "../../workers/http/log";

/**
 * Twilio Media Streams, both directions. Twilio sends numbers as strings; inbound frames are
 * 20 ms of μ-law 8 kHz (160 bytes) in base64. Anything that does not parse is logged and
 * dropped: a bad message never ends a call.
 */
const numeric = z.string().regex(/^\d+$/).transform(Number);

const connected = z.object({ event: z.literal("connected"), protocol: z.string(), version: z.string().optional() });
const start = z.object({
  event: z.literal("start"),
  sequenceNumber: numeric,
  streamSid: z.string().min(1),
  start: z.object({
    accountSid: z.string(),
    streamSid: z.string().min(1),
    callSid: z.string().min(1),
    tracks: z.array(z.string()),
    customParameters: z.record(z.string(), z.string()).default({}),
    mediaFormat: z.object({ encoding: z.literal("audio/x-mulaw"), sampleRate: z.literal(8000), channels: z.literal(1) }),
  }),
});
const media = z.object({
  event: z.literal("media"),
  sequenceNumber: numeric,
  streamSid: z.string(),
  media: z.object({ track: z.string(), chunk: numeric, timestamp: numeric, payload: z.base64() }),
});
const dtmf = z.object({
  event: z.literal("dtmf"),
  sequenceNumber: numeric,
  streamSid: z.string(),
  dtmf: z.object({ track: z.string(), digit: z.string().regex(/^[0-9*#A-D]$/) }),
});
const mark = z.object({ event: z.literal("mark"), sequenceNumber: numeric, streamSid: z.string(), mark: z.object({ name: z.string() }) });
const stop = z.object({
  event: z.literal("stop"),
  sequenceNumber: numeric,
  streamSid: z.string(),
  stop: z.object({ accountSid: z.string(), callSid: z.string() }),
});

const inbound = z.discriminatedUnion("event", [connected, start, media, dtmf, mark, stop]);
export type TwilioMessage = z.output<typeof inbound>;
export type StartMessage = z.output<typeof start>;

/** The message, or null (logged with the call id) when it is not one Twilio would send. */
export function parseTwilioMessage(raw: string | ArrayBuffer, callId: string): TwilioMessage | null {
  if (typeof raw !== "string") {
    log("warn", "media stream: binary frame ignored", { callId });
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    log("warn", "media stream: malformed JSON ignored", { callId, bytes: raw.length });
    return null;
  }
  const parsed = inbound.safeParse(json);
  if (parsed.success) return parsed.data;
  const event = typeof json === "object" && json !== null && "event" in json ? String(json.event).slice(0, 20) : null;
  log("warn", "media stream: invalid message ignored", { callId, event, issue: parsed.error.issues[0]?.path.join(".") ?? null });
  return null;
}

export function decodeBase64(payload: string): Uint8Array {
  const binary = atob(payload);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Outbound audio: raw μ-law 8 kHz, no WAV header. */
export const mediaMessage = (streamSid: string, ulaw: Uint8Array) =>
  JSON.stringify({ event: "media", streamSid, media: { payload: encodeBase64(ulaw) } });
/** Twilio echoes the mark once the audio queued before it has played. */
export const markMessage = (streamSid: string, name: string) => JSON.stringify({ event: "mark", streamSid, mark: { name } });
/** Drops the audio Twilio has buffered (barge-in). */
export const clearMessage = (streamSid: string) => JSON.stringify({ event: "clear", streamSid });

import type { IncomingMessage, ServerResponse } from "node:http";
import { reply } from "./http.ts";

/** What one pre-recorded request carried, for tests to check. */
export interface ReceivedRecording {
  contentType: string;
  bytes: number;
  query: Record<string, string>;
}

/** Leading bytes of the containers Deepgram reads; anything else is "corrupt or unsupported data", as the API says. */
const CONTAINERS: { name: string; at: number; magic: string }[] = [
  { name: "ogg", at: 0, magic: "OggS" },
  { name: "wav", at: 8, magic: "WAVE" },
  { name: "mp3", at: 0, magic: "ID3" },
  { name: "mp4", at: 4, magic: "ftyp" },
  { name: "amr", at: 0, magic: "#!AMR" },
  { name: "webm", at: 0, magic: "\x1a\x45\xdf\xa3" },
  { name: "flac", at: 0, magic: "fLaC" },
];

const container = (bytes: Buffer) => CONTAINERS.find((c) => bytes.subarray(c.at, c.at + c.magic.length).toString("latin1") === c.magic);

/** Seconds of a PCM WAV from its header; other containers are timed by their words (~0.4 s each). */
function duration(bytes: Buffer, words: number): number {
  if (container(bytes)?.name === "wav" && bytes.length >= 44) {
    const byteRate = bytes.readUInt32LE(28);
    if (byteRate > 0) return Math.round(((bytes.length - 44) / byteRate) * 100) / 100;
  }
  return Math.round(words * 0.4 * 100) / 100;
}

/**
 * Deepgram's pre-recorded API (POST /v1/listen with the audio as the body): `Token` auth, an
 * audio Content-Type and bytes of a container it reads; answers the scripted words of the
 * request's `tag` in Deepgram's response shape (metadata + results.channels[].alternatives[]).
 */
export function answerPrerecorded(
  req: IncomingMessage,
  url: URL,
  bytes: Buffer,
  res: ServerResponse,
  context: { apiKey: string; words: (tag: string) => string; received: (tag: string, recording: ReceivedRecording) => void },
): void {
  const requestId = crypto.randomUUID();
  const refuse = (status: number, err_code: string, err_msg: string) => reply(res, status, { err_code, err_msg, request_id: requestId });
  const contentType = req.headers["content-type"] ?? "";
  if (req.headers.authorization !== `Token ${context.apiKey}`) refuse(401, "INVALID_AUTH", "Invalid credentials.");
  else if (!/^(audio|video)\//.test(contentType))
    refuse(415, "UNSUPPORTED_MEDIA_TYPE", `This fake takes the audio as the body; got Content-Type ${contentType || "none"}.`);
  else if (!bytes.length || !container(bytes))
    refuse(400, "Bad Request", "Bad Request: failed to process audio: corrupt or unsupported data");
  else transcribe(url, bytes, res, contentType, requestId, context);
}

function transcribe(
  url: URL,
  bytes: Buffer,
  res: ServerResponse,
  contentType: string,
  requestId: string,
  context: { words: (tag: string) => string; received: (tag: string, recording: ReceivedRecording) => void },
): void {
  const tag = url.searchParams.get("tag") ?? "";
  context.received(tag, { contentType, bytes: bytes.length, query: Object.fromEntries(url.searchParams) });
  const transcript = context.words(tag);
  const words = transcript.split(/\s+/).filter(Boolean);
  reply(res, 200, {
    metadata: {
      transaction_key: "deprecated",
      request_id: requestId,
      created: new Date().toISOString(),
      duration: duration(bytes, words.length),
      channels: 1,
      models: ["nova-3"],
    },
    results: {
      channels: [
        {
          alternatives: [
            {
              transcript,
              confidence: transcript ? 0.97 : 0,
              words: words.map((word, i) => ({
                word: word.toLowerCase(),
                start: i * 0.4,
                end: i * 0.4 + 0.35,
                confidence: 0.97,
                punctuated_word: word,
              })),
            },
          ],
          ...(url.searchParams.get("detect_language") === "true" ? { detected_language: "en", language_confidence: 0.99 } : {}),
        },
      ],
    },
  });
}

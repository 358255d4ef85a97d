import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { createRequire } from "node:module";
import type { WebSocket } from "ws";
import { SpeechActivity } from "../../workers/voice/audio/energy.ts";
import { answerPrerecorded, type ReceivedRecording } from "./deepgram-prerecorded.ts";
import { listen, reply } from "./http.ts";

// Inside vitest's global setup, vite resolves "ws" to its browser stub; Node's own resolver finds the server.
const { WebSocketServer } = createRequire(import.meta.url)("ws") as typeof import("ws");

/** What the fake "hears" when speech arrives that no script covers. */
export const UNSCRIPTED_SPEECH = "(unscripted speech)";
/** Interim results reveal about one word per this much speech (espeak and people talk at ~175 words a minute). */
const MS_PER_WORD = 300;
const INTERIM_EVERY_MS = 250;
const REQUIRED_QUERY: Record<string, string> = { encoding: "mulaw", sample_rate: "8000", channels: "1" };

export interface DeepgramScript {
  /** What each detected utterance of the stream transcribes to, in order (shared by reconnections of the same tag). */
  utterances: string[];
  /** Wall-clock delay from the end of speech to its final result (default 300). */
  finalDelayMs?: number;
  /** Drops the next connection of this tag without a close frame after this long (once). */
  dropAfterMs?: number;
  /** Silence after which the socket is closed (default 10 s, as Deepgram does). */
  idleCloseMs?: number;
}

interface Received {
  connections: number;
  audioBytes: number;
  controls: string[];
  /** Pre-recorded requests (voice notes, voicemails) of this tag. */
  recordings: ReceivedRecording[];
}

const nothingReceived = (): Received => ({ connections: 0, audioBytes: 0, controls: [], recordings: [] });

/**
 * A contract fake of Deepgram's live API on loopback (ws on /v1/listen): checks `Authorization:
 * Token <key>` and the audio format in the query, runs voice activity detection on the μ-law it
 * receives and answers as Deepgram does — SpeechStarted at onset, interim Results revealing the
 * scripted words, a final `is_final` + `speech_final` result `finalDelayMs` after the speech ends
 * (after `endpointing` ms of silence in the audio), UtteranceEnd `utterance_end_ms` after it.
 * KeepAlive, Finalize and CloseStream are honoured. POST /__script `{tag, ...DeepgramScript}`
 * scripts the connections whose `tag` query parameter matches — read as speech arrives, so a
 * stream opened while the phone rings picks up a script posted after it; GET /__received?tag=
 * shows what arrived. POST /v1/listen is the pre-recorded API (deepgram-prerecorded.ts): it answers a
 * tag's scripted utterances as one transcript, without using them up.
 */
export async function startDeepgramFake(port = 0, apiKey = "test-deepgram-key") {
  const scripts = new Map<string, DeepgramScript>();
  const received = new Map<string, Received>();
  const { server, url } = await listen((req, raw, res, bytes) => {
    const path = new URL(req.url ?? "/", "http://fake");
    if (req.method === "POST" && path.pathname === "/v1/listen")
      return answerPrerecorded(req, path, bytes, res, {
        apiKey,
        words: (tag) => scripts.get(tag)?.utterances.join(" ") ?? UNSCRIPTED_SPEECH,
        received: (tag, recording) => {
          const log = received.get(tag) ?? nothingReceived();
          log.recordings.push(recording);
          received.set(tag, log);
        },
      });
    if (req.method === "POST" && path.pathname === "/__script") {
      const { tag, ...script } = JSON.parse(raw) as DeepgramScript & { tag: string };
      scripts.set(tag, { ...script, utterances: [...script.utterances] });
      return reply(res, 200, { ok: true });
    }
    if (req.method === "GET" && path.pathname === "/__received")
      return reply(res, 200, received.get(path.searchParams.get("tag") ?? "") ?? nothingReceived());
    reply(res, 404, { err_code: "NOT_FOUND", err_msg: "Not found" });
  }, port);
  const sockets = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const query = new URL(req.url ?? "/", "http://fake");
    const refusal = refuse(req, query, apiKey);
    if (refusal) {
      const body = JSON.stringify({ ...refusal.body, request_id: crypto.randomUUID() });
      socket.end(
        `HTTP/1.1 ${refusal.status} ${refusal.status === 401 ? "Unauthorized" : "Bad Request"}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    const tag = query.searchParams.get("tag") ?? "";
    const script = () => scripts.get(tag) ?? { utterances: [] };
    // A drop happens once: the reconnection that follows it stays up.
    const dropAfterMs = scripts.get(tag)?.dropAfterMs;
    delete scripts.get(tag)?.dropAfterMs;
    const log = received.get(tag) ?? nothingReceived();
    log.connections++;
    received.set(tag, log);
    sockets.handleUpgrade(req, socket, head, (ws) => listenSession(ws, query.searchParams, script, log, dropAfterMs));
  });
  const close = (done: () => void) => {
    for (const client of sockets.clients) client.terminate();
    server.close(() => done());
  };
  return { server: { close }, url };
}

function refuse(req: IncomingMessage, url: URL, apiKey: string): { status: number; body: Record<string, string> } | null {
  if (url.pathname !== "/v1/listen") return { status: 400, body: { err_code: "Bad Request", err_msg: `Unknown path ${url.pathname}` } };
  if (req.headers.authorization !== `Token ${apiKey}`)
    return { status: 401, body: { err_code: "INVALID_AUTH", err_msg: "Invalid credentials." } };
  for (const [name, value] of Object.entries(REQUIRED_QUERY)) {
    if (url.searchParams.get(name) !== value)
      return { status: 400, body: { err_code: "Bad Request", err_msg: `This fake transcribes ${name}=${value} only` } };
  }
  if (!/^\d+$/.test(url.searchParams.get("endpointing") ?? ""))
    return { status: 400, body: { err_code: "Bad Request", err_msg: "endpointing must be a number of ms" } };
  return null;
}

interface Utterance {
  words: string[];
  text: string;
  revealed: number;
  flushed: boolean;
}

function listenSession(
  ws: WebSocket,
  query: URLSearchParams,
  script: () => DeepgramScript,
  log: Received,
  dropAfterMs: number | undefined,
): void {
  const requestId = crypto.randomUUID();
  const activity = new SpeechActivity({ endMs: Number(query.get("endpointing")) });
  const utteranceEndMs = Number(query.get("utterance_end_ms")) || 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        run();
      },
      Math.max(0, ms),
    );
    timers.add(timer);
    return timer;
  };
  const send = (message: Record<string, unknown>) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
  const results = (
    _utterance: Utterance,
    transcript: string,
    flags: { is_final: boolean; speech_final: boolean; from_finalize?: boolean },
  ) =>
    send({
      type: "Results",
      channel_index: [0, 1],
      start: activity.speechStartMs / 1000,
      duration: (activity.speechEndMs - activity.speechStartMs) / 1000,
      ...flags,
      channel: { alternatives: [{ transcript, confidence: transcript ? 0.98 : 0, words: [] }] },
      metadata: { request_id: requestId },
    });

  let current: Utterance | null = null;
  let lastSpeechAt = 0;
  let lastInterimMs = 0;
  let pendingFinal: { timer: ReturnType<typeof setTimeout>; fire: () => void } | null = null;
  let utteranceEnd: ReturnType<typeof setTimeout> | null = null;
  const closeWhenIdle = () =>
    later(script().idleCloseMs ?? 10_000, () => ws.close(1011, "NET-0001: no audio or text message within the timeout window"));
  let idle = closeWhenIdle();
  const touch = () => {
    clearTimeout(idle);
    timers.delete(idle);
    idle = closeWhenIdle();
  };
  if (dropAfterMs !== undefined) later(dropAfterMs, () => ws.terminate());

  const flushPending = () => {
    if (!pendingFinal) return;
    clearTimeout(pendingFinal.timer);
    timers.delete(pendingFinal.timer);
    pendingFinal.fire();
  };
  const onAudio = (audio: Uint8Array) => {
    for (let offset = 0; offset < audio.length; offset += 160) {
      const event = activity.push(audio.subarray(offset, offset + 160));
      const voiced = activity.speechEndMs === activity.audioMs;
      if (voiced) lastSpeechAt = Date.now();
      if (event === "start") {
        if (utteranceEnd) clearTimeout(utteranceEnd);
        const text = script().utterances.shift() ?? UNSCRIPTED_SPEECH;
        current = { text, words: text.split(/\s+/), revealed: 0, flushed: false };
        lastInterimMs = activity.audioMs;
        if (query.get("vad_events") === "true") send({ type: "SpeechStarted", channel: [0], timestamp: activity.speechStartMs / 1000 });
      } else if (
        activity.speaking &&
        current &&
        voiced &&
        query.get("interim_results") === "true" &&
        activity.audioMs - lastInterimMs >= INTERIM_EVERY_MS
      ) {
        lastInterimMs = activity.audioMs;
        const count = Math.min(current.words.length, Math.ceil((activity.audioMs - activity.speechStartMs) / MS_PER_WORD));
        if (count > current.revealed && !current.flushed) {
          current.revealed = count;
          results(current, current.words.slice(0, count).join(" "), { is_final: false, speech_final: false });
        }
      } else if (event === "end" && current) {
        const utterance = current;
        current = null;
        const fire = () => {
          pendingFinal = null;
          results(utterance, utterance.flushed ? "" : utterance.text, { is_final: true, speech_final: true });
          utterance.flushed = true;
        };
        pendingFinal = { timer: later(lastSpeechAt + (script().finalDelayMs ?? 300) - Date.now(), fire), fire };
        if (utteranceEndMs)
          utteranceEnd = later(lastSpeechAt + utteranceEndMs - Date.now(), () =>
            send({ type: "UtteranceEnd", channel: [0, 1], last_word_end: activity.speechEndMs / 1000 }),
          );
      }
    }
  };
  /** Finalize: what was heard so far comes out now, as a final that does not end the turn. */
  const finalize = () => {
    flushPending();
    if (current && !current.flushed) {
      results(current, current.text, { is_final: true, speech_final: false, from_finalize: true });
      current.flushed = true;
    }
  };

  ws.on("message", (data: Buffer, isBinary: boolean) => {
    touch();
    if (isBinary) {
      log.audioBytes += data.length;
      return onAudio(new Uint8Array(data.buffer, data.byteOffset, data.length));
    }
    const type = controlType(data.toString());
    if (type === null) return ws.close(1008, "DATA-0000: text messages must be JSON control messages");
    log.controls.push(type);
    if (type === "Finalize") finalize();
    else if (type === "CloseStream") {
      finalize();
      send({
        type: "Metadata",
        transaction_key: "deprecated",
        request_id: requestId,
        created: new Date().toISOString(),
        duration: activity.audioMs / 1000,
        channels: 1,
        models: ["nova-3"],
      });
      ws.close(1000);
    }
  });
  ws.on("close", () => timers.forEach(clearTimeout));
}

function controlType(text: string): string | null {
  try {
    const message = JSON.parse(text) as { type?: unknown };
    return typeof message.type === "string" ? message.type : null;
  } catch {
    return null;
  }
}

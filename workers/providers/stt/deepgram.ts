import { log } from "../../http/log";
import { dispatchDeepgramMessage } from "./deepgram-events";
import type { SttConnectOptions, SttListener, SttProvider, SttStream } from "./provider";

/** Twilio's audio as it arrives: μ-law 8 kHz mono; interim words, ~300 ms endpointing, VAD events. */
const LISTEN_PARAMS = {
  model: "nova-3",
  encoding: "mulaw",
  sample_rate: "8000",
  channels: "1",
  interim_results: "true",
  endpointing: "300",
  utterance_end_ms: "1000",
  vad_events: "true",
  smart_format: "true",
};
/** How long close() waits for the provider to flush its last results and hang up. */
const CLOSE_WAIT_MS = 2000;

export class SttConnectError extends Error {}

/** Deepgram live transcription over a WebSocket opened from the Worker. */
export class DeepgramStt implements SttProvider {
  readonly name = "deepgram";

  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "wss://api.deepgram.com",
  ) {}

  async connect(listener: SttListener, options: SttConnectOptions = {}): Promise<SttStream> {
    const response = await fetch(listenUrl(this.baseUrl, options.tag), {
      headers: { Upgrade: "websocket", Authorization: `Token ${this.apiKey}` },
    });
    const socket = response.webSocket;
    if (!socket) {
      const body = (await response.json().catch(() => ({}))) as { err_code?: string; err_msg?: string };
      throw new SttConnectError(`Deepgram refused the stream: HTTP ${response.status} ${body.err_code ?? ""} ${body.err_msg ?? ""}`.trim());
    }
    socket.accept();
    return new DeepgramStream(socket, listener, options.tag);
  }
}

/** Workers open client WebSockets with fetch, which takes http(s) URLs only. */
export function listenUrl(baseUrl: string, tag: string | undefined): string {
  const url = new URL("/v1/listen", baseUrl.replace(/^wss:/, "https:").replace(/^ws:/, "http:"));
  for (const [name, value] of Object.entries(LISTEN_PARAMS)) url.searchParams.set(name, value);
  if (tag) url.searchParams.set("tag", tag);
  return url.toString();
}

class DeepgramStream implements SttStream {
  private closing = false;
  private reported = false;
  private readonly ended: Promise<void>;

  constructor(
    private readonly socket: WebSocket,
    private readonly listener: SttListener,
    private readonly tag: string | undefined,
  ) {
    let resolveEnded!: () => void;
    this.ended = new Promise((resolve) => (resolveEnded = resolve));
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") return;
      const parsed = dispatchDeepgramMessage(event.data, listener);
      if (parsed?.type === "Metadata") log("info", "stt stream metadata", { callId: tag, providerRequestId: parsed.request_id });
      else if (parsed?.type === "Error" || parsed?.type === "Warning")
        log("warn", "stt provider message", { callId: tag, type: parsed.type, description: parsed.description ?? parsed.message });
    });
    socket.addEventListener("close", (event) => {
      resolveEnded();
      this.report(this.closing, `closed ${event.code}${event.reason ? ` ${event.reason}` : ""}`);
    });
    socket.addEventListener("error", () => {
      resolveEnded();
      this.report(this.closing, "socket error");
    });
  }

  get open(): boolean {
    return !this.closing && !this.reported && this.socket.readyState === WebSocket.OPEN;
  }

  send(ulaw: Uint8Array): void {
    if (this.open) this.socket.send(ulaw);
  }

  finalize(): void {
    this.control("Finalize");
  }

  keepAlive(): void {
    this.control("KeepAlive");
  }

  /** CloseStream asks Deepgram to send what is left and close; if it does not, the socket is closed here. */
  async close(): Promise<void> {
    if (this.closing || this.reported) return;
    this.control("CloseStream");
    this.closing = true;
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), CLOSE_WAIT_MS));
    if ((await Promise.race([this.ended, timer])) === "timeout") {
      this.socket.close(1000, "CloseStream");
      this.report(true, "closed by us");
    }
  }

  private control(type: "Finalize" | "KeepAlive" | "CloseStream"): void {
    if (this.open) this.socket.send(JSON.stringify({ type }));
  }

  private report(expected: boolean, reason: string): void {
    if (this.reported) return;
    this.reported = true;
    if (!expected) log("warn", "stt stream dropped", { callId: this.tag, reason });
    this.listener.closed(expected, reason);
  }
}

import { api } from "./api/client";

const PING_MS = 20_000;
const MAX_BACKOFF_MS = 30_000;

export type LiveState = "offline" | "connecting" | "live";

/**
 * One WebSocket per tab to /ws/<channel>: opened with a fresh single-use ticket on every
 * (re)connect, kept alive with "ping", reconnected with backoff. Each message is parsed and
 * handed to `receive`; the server sends a snapshot first, so a reconnect needs nothing else.
 */
export class LiveSocket {
  state = $state<LiveState>("offline");
  #socket: WebSocket | null = null;
  #ping: ReturnType<typeof setInterval> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #running = false;

  constructor(
    private readonly channel: "activity" | "wallet" | "calls" | "scans",
    private readonly receive: (message: any) => void,
    /** The call or scan, for the per-object channels. */
    private readonly id?: string,
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    window.addEventListener("online", this.#reconnectNow);
    void this.#connect();
  }

  stop(): void {
    this.#running = false;
    window.removeEventListener("online", this.#reconnectNow);
    clearTimeout(this.#retry);
    clearInterval(this.#ping);
    this.#socket?.close(1000, "signed out");
    this.#socket = null;
    this.state = "offline";
  }

  /** Sends a text frame when connected (e.g. "snapshot" to ask for the current state again). */
  send(text: string): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(text);
  }

  async #connect(): Promise<void> {
    this.state = "connecting";
    try {
      const { url } = await api<{ url: string }>("/ws-ticket", { method: "POST", json: { channel: this.channel, id: this.id } });
      if (!this.#running) return;
      const socket = new WebSocket(location.origin.replace(/^http/, "ws") + url);
      this.#socket = socket;
      socket.onopen = () => {
        this.state = "live";
        this.#attempt = 0;
        this.#ping = setInterval(() => socket.send("ping"), PING_MS);
      };
      socket.onmessage = (message) => {
        if (message.data === "pong") return;
        try {
          this.receive(JSON.parse(String(message.data)));
        } catch {
          // not a message of ours
        }
      };
      socket.onclose = () => {
        clearInterval(this.#ping);
        if (this.#socket === socket) this.#socket = null;
        this.#scheduleReconnect();
      };
    } catch {
      this.#scheduleReconnect();
    }
  }

  #scheduleReconnect(): void {
    if (!this.#running) return;
    this.state = "offline";
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.#attempt) * (0.5 + Math.random() / 2);
    this.#attempt++;
    clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.#connect(), delay);
  }

  #reconnectNow = (): void => {
    if (!this.#running || this.#socket) return;
    clearTimeout(this.#retry);
    this.#attempt = 0;
    void this.#connect();
  };
}

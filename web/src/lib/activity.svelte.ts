import { api } from "./api/client";
import type { ActivityEvent } from "./api/types";

const KEEP = 50;
const PING_MS = 20_000;
const MAX_BACKOFF_MS = 30_000;

type FeedState = "offline" | "connecting" | "live";
type Listener = (event: ActivityEvent) => void;

/**
 * The workspace's live activity: one WebSocket per tab (/ws/activity), opened with a fresh
 * single-use ticket on every (re)connect, kept alive with "ping", reconnected with backoff.
 */
class ActivityFeed {
  events = $state.raw<ActivityEvent[]>([]);
  state = $state<FeedState>("offline");
  #socket: WebSocket | null = null;
  #ping: ReturnType<typeof setInterval> | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #running = false;
  #listeners = new Set<Listener>();

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
    this.events = [];
    this.state = "offline";
  }

  /** Calls `listener` for every new event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #connect(): Promise<void> {
    this.state = "connecting";
    try {
      const { url } = await api<{ url: string }>("/ws-ticket", { method: "POST", json: { channel: "activity" } });
      if (!this.#running) return;
      const socket = new WebSocket(location.origin.replace(/^http/, "ws") + url);
      this.#socket = socket;
      socket.onopen = () => {
        this.state = "live";
        this.#attempt = 0;
        this.#ping = setInterval(() => socket.send("ping"), PING_MS);
      };
      socket.onmessage = (message) => this.#receive(String(message.data));
      socket.onclose = () => {
        clearInterval(this.#ping);
        if (this.#socket === socket) this.#socket = null;
        this.#scheduleReconnect();
      };
    } catch {
      this.#scheduleReconnect();
    }
  }

  #receive(data: string): void {
    if (data === "pong") return;
    let message: { type: "snapshot"; events: ActivityEvent[] } | { type: "event"; event: ActivityEvent };
    try {
      message = JSON.parse(data);
    } catch {
      return; // not a feed message
    }
    if (message.type === "snapshot") {
      this.events = message.events.slice(0, KEEP);
      return;
    }
    this.events = [message.event, ...this.events].slice(0, KEEP);
    for (const listener of this.#listeners) listener(message.event);
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

export const activity = new ActivityFeed();

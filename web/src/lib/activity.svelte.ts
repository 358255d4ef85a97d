import type { ActivityEvent } from "./api/types";
import { LiveSocket } from "./live-socket.svelte";

const KEEP = 50;

type Listener = (event: ActivityEvent) => void;
type FeedMessage = { type: "snapshot"; events: ActivityEvent[] } | { type: "event"; event: ActivityEvent };

/** The workspace's live activity (/ws/activity): the recent events, and a hook for new ones. */
class ActivityFeed {
  events = $state.raw<ActivityEvent[]>([]);
  #listeners = new Set<Listener>();
  #live = new LiveSocket("activity", (message: FeedMessage) => this.#receive(message));

  get state() {
    return this.#live.state;
  }

  start(): void {
    this.#live.start();
  }

  stop(): void {
    this.#live.stop();
    this.events = [];
  }

  /** Calls `listener` for every new event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #receive(message: FeedMessage): void {
    if (message.type === "snapshot") {
      this.events = message.events.slice(0, KEEP);
      return;
    }
    if (message.type !== "event") return;
    this.events = [message.event, ...this.events].slice(0, KEEP);
    for (const listener of this.#listeners) listener(message.event);
  }
}

export const activity = new ActivityFeed();

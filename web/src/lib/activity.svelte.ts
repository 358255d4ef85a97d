import type { ActivityEvent } from "./api/types";
import { LiveSocket } from "./live-socket.svelte";

const KEEP = 50;

type Listener = (event: ActivityEvent) => void;
type FeedMessage =
  | { type: "snapshot"; events: ActivityEvent[] }
  | { type: "event"; event: ActivityEvent }
  // Anything else on the socket (a member's notification, the waiting count) goes to `onMessage` listeners.
  | { type: string; [field: string]: unknown };

/** Events stored before ids existed get one from what they say, so every event has a unique key. */
const withId = (event: ActivityEvent): ActivityEvent =>
  event.id ? event : { ...event, id: `${event.type}@${event.at}@${event.lead?.id ?? ""}` };

/** Newest first, each id once, at most KEEP. */
function latest(events: ActivityEvent[]): ActivityEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.id) && seen.add(event.id)).slice(0, KEEP);
}

/** The workspace's live activity (/ws/activity): the recent events, and a hook for new ones. */
class ActivityFeed {
  events = $state.raw<ActivityEvent[]>([]);
  #listeners = new Set<Listener>();
  #messageListeners = new Set<(message: FeedMessage) => void>();
  #live = new LiveSocket("activity", (message: FeedMessage) => this.#receive(message));
  /** A snapshot arrived since start(): the next ones follow reconnects. */
  #synced = false;

  get state() {
    return this.#live.state;
  }

  start(): void {
    this.#live.start();
  }

  stop(): void {
    this.#live.stop();
    this.events = [];
    this.#synced = false;
  }

  /** Calls `listener` for every new event (also those missed while reconnecting); returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every message on the socket, snapshots included (a reconnect is the cue to re-read what may have been missed). */
  onMessage(listener: (message: FeedMessage) => void): () => void {
    this.#messageListeners.add(listener);
    return () => this.#messageListeners.delete(listener);
  }

  /** Every (re)connect starts with a snapshot, and an event may be in it and arrive live too: ids keep each once. */
  #receive(message: FeedMessage): void {
    for (const listener of this.#messageListeners) listener(message);
    const known = new Set(this.events.map((event) => event.id));
    let fresh: ActivityEvent[];
    if (message.type === "snapshot") {
      const newest = this.events[0]?.at ?? "";
      this.events = latest((message.events as ActivityEvent[]).map(withId));
      // After a reconnect, what happened while the socket was down is news too (oldest first).
      fresh = this.#synced ? this.events.filter((event) => !known.has(event.id) && event.at >= newest).reverse() : [];
      this.#synced = true;
    } else if (message.type === "event") {
      const event = withId(message.event as ActivityEvent);
      if (known.has(event.id)) return;
      this.events = latest([event, ...this.events]);
      fresh = [event];
    } else return;
    for (const event of fresh) for (const listener of this.#listeners) listener(event);
  }
}

export const activity = new ActivityFeed();

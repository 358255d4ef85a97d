import { activity } from "./activity.svelte";
import { api } from "./api/client";
import type { AppNotification } from "./api/types";

const PAGE = 20;

interface Inbox {
  items: AppNotification[];
  unread: number;
  waiting: number;
  nextCursor: string | null;
}

/**
 * The member's bell and the sidebar's waiting count: read from the API on start and after each
 * socket (re)connect, then kept live by the activity socket's notification and waiting messages.
 */
class Notifications {
  items = $state.raw<AppNotification[]>([]);
  unread = $state(0);
  waiting = $state(0);
  nextCursor = $state<string | null>(null);
  #unsubscribe: (() => void) | null = null;

  start(): void {
    this.#unsubscribe ??= activity.onMessage((message) => {
      if (message.type === "snapshot") void this.load();
      else if (message.type === "notification") this.#arrived(message.notification as AppNotification, message.unread as number);
      else if (message.type === "waiting") this.waiting = message.count as number;
    });
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.items = [];
    this.unread = 0;
    this.waiting = 0;
  }

  async load(): Promise<void> {
    const inbox = await api<Inbox>("/notifications", { query: { limit: PAGE } });
    this.items = inbox.items;
    this.unread = inbox.unread;
    this.waiting = inbox.waiting;
    this.nextCursor = inbox.nextCursor;
  }

  async more(): Promise<void> {
    if (!this.nextCursor) return;
    const inbox = await api<Inbox>("/notifications", { query: { limit: PAGE, cursor: this.nextCursor } });
    const known = new Set(this.items.map((n) => n.id));
    this.items = [...this.items, ...inbox.items.filter((n) => !known.has(n.id))];
    this.nextCursor = inbox.nextCursor;
  }

  async markRead(ids: string[]): Promise<void> {
    const { unread } = await api<{ unread: number }>("/notifications/read", { method: "POST", json: { ids } });
    this.#readLocally((n) => ids.includes(n.id), unread);
  }

  async markAllRead(): Promise<void> {
    const { unread } = await api<{ unread: number }>("/notifications/read", { method: "POST", json: { all: true } });
    this.#readLocally(() => true, unread);
  }

  #readLocally(which: (n: AppNotification) => boolean, unread: number): void {
    const now = new Date().toISOString();
    this.items = this.items.map((n) => (!n.readAt && which(n) ? { ...n, readAt: now } : n));
    this.unread = unread;
  }

  #arrived(notification: AppNotification, unread: number): void {
    this.unread = unread;
    if (this.items.some((n) => n.id === notification.id)) return;
    this.items = [notification, ...this.items];
  }
}

export const notifications = new Notifications();

import { api } from "../api/client";
import { LiveSocket } from "../live-socket.svelte";
import type { Account, LedgerEntry, Quests, WalletMessage, WalletSummary } from "./types";

type EntryListener = (entries: LedgerEntry[]) => void;

/**
 * The wallet the signed-in user spends from, and their quests: loaded once, then kept current
 * by /ws/wallet in every tab (balance, budgets, settings, quests, streak; a nudge when the
 * leaderboard changes). Also the wallet modal's open state, so any button can open it.
 */
class WalletStore {
  summary = $state<WalletSummary | null>(null);
  quests = $state<Quests | null>(null);
  /** Bumped whenever the workspace's leaderboard changed; panels refetch on it. */
  leaderboardVersion = $state(0);
  modalOpen = $state(false);
  #entryListeners = new Set<EntryListener>();
  #rollover: ReturnType<typeof setTimeout> | undefined;
  #live = new LiveSocket("wallet", (message: WalletMessage) => this.#receive(message));

  get state() {
    return this.#live.state;
  }

  start(): void {
    void this.refresh().catch(() => undefined);
    this.#live.start();
  }

  stop(): void {
    this.#live.stop();
    clearTimeout(this.#rollover);
    this.summary = null;
    this.quests = null;
    this.modalOpen = false;
  }

  async refresh(): Promise<void> {
    this.summary = await api<WalletSummary>("/wallet");
  }

  async loadQuests(): Promise<void> {
    this.#setQuests(await api<Quests>("/quests"));
  }

  open(): void {
    this.modalOpen = true;
  }

  /** Settings and purchases answer with the new account; sockets bring it to the other tabs. */
  apply(account: Account): void {
    if (this.summary) this.summary = { ...this.summary, ...account };
  }

  /** Calls `listener` with each batch of new ledger entries; returns the unsubscribe function. */
  onEntries(listener: EntryListener): () => void {
    this.#entryListeners.add(listener);
    return () => this.#entryListeners.delete(listener);
  }

  #receive(message: WalletMessage): void {
    if (message.type === "snapshot") {
      this.apply(message.wallet);
      this.#setQuests(message.quests);
    } else if (message.type === "wallet") {
      this.apply(message.wallet);
      for (const listener of this.#entryListeners) listener(message.entries);
    } else if (message.type === "quests") this.#setQuests(message.quests);
    else if (message.type === "leaderboard") this.leaderboardVersion++;
  }

  /** The server decides the day; at the user's midnight the tab asks for the new one. */
  #setQuests(quests: Quests): void {
    this.quests = quests;
    clearTimeout(this.#rollover);
    const wait = Date.parse(quests.resetsAt) - Date.now() + 1_000;
    this.#rollover = setTimeout(
      () =>
        void api<Quests>("/quests").then(
          (next) => this.#setQuests(next),
          () => undefined,
        ),
      Math.max(wait, 1_000),
    );
  }
}

export const wallet = new WalletStore();

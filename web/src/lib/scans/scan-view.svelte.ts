import { api } from "../api/client";
import { errorMessage } from "../api/words";
import { LiveSocket } from "../live-socket.svelte";
import { isActive, type Page, type Scan, type ScanMessage, type ScanResult, type StageCounts } from "./types";

const PAGE_SIZE = 200;
/** Enough for the largest scan the area limit allows in the sample catalog; the CSV has everything. */
const MAX_LOADED = 5_000;

/**
 * One scan as its page shows it: the scan, its results (by score, best first) and, while it
 * runs, the live progress from /ws/scans/:id. Results arriving live are merged by property.
 */
export class ScanView {
  scan = $state<Scan | null>(null);
  stages = $state<StageCounts | null>(null);
  results = $state<ScanResult[]>([]);
  error = $state<string | null>(null);
  #socket: LiveSocket;

  constructor(readonly id: string) {
    this.#socket = new LiveSocket("scans", (message: ScanMessage) => this.#receive(message), id);
  }

  async start(): Promise<void> {
    try {
      this.scan = await api<Scan>(`/scans/${encodeURIComponent(this.id)}`);
      await this.loadResults();
      if (isActive(this.scan.status)) this.#socket.start();
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  stop(): void {
    this.#socket.stop();
  }

  get live() {
    return this.#socket.state;
  }

  replace(scan: Scan): void {
    this.scan = scan;
    if (!isActive(scan.status)) this.#socket.stop();
  }

  async loadResults(): Promise<void> {
    const loaded: ScanResult[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<ScanResult> = await api<Page<ScanResult>>(`/scans/${encodeURIComponent(this.id)}/leads`, {
        query: { cursor, limit: PAGE_SIZE },
      });
      loaded.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && loaded.length < MAX_LOADED);
    this.results = sortByScore(loaded);
  }

  #receive(message: ScanMessage): void {
    if (message.type === "snapshot") {
      this.scan = message.scan;
      this.#merge(message.hot);
    } else if (message.type === "progress") {
      this.scan = message.scan;
      this.stages = message.stages;
    } else if (message.type === "result") {
      this.#merge([message.result]);
    } else if (message.type === "status" && this.scan) {
      this.scan = { ...this.scan, status: message.status };
      if (!isActive(message.status)) {
        this.#socket.stop();
        // The final counts and every result, including those the socket did not carry.
        void this.start();
      }
    }
  }

  #merge(incoming: ScanResult[]): void {
    if (!incoming.length) return;
    const byId = new Map(this.results.map((r) => [r.propertyId, r]));
    for (const result of incoming) byId.set(result.propertyId, result);
    this.results = sortByScore([...byId.values()]);
  }
}

const sortByScore = (results: ScanResult[]) =>
  results.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.propertyId.localeCompare(b.propertyId));

import { api } from "../api/client";
import { errorMessage } from "../api/words";
import type { Lead, LeadPage } from "../api/types";
import { FILTER_LABELS } from "./filters";

const PAGE_SIZE = 100;

/**
 * The loaded part of a lead query: pages are fetched with the cursor as the user scrolls,
 * so the browser only ever holds what was scrolled past (never the whole workspace).
 */
export class LeadList {
  items = $state.raw<Lead[]>([]);
  total = $state<number | null>(null);
  hasMore = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  #query = new URLSearchParams();
  #cursor: string | null = null;
  #generation = 0;

  /** Starts over with new filters (the API query string). */
  reset(query: URLSearchParams): Promise<void> {
    this.#query = query;
    this.#generation++;
    this.#cursor = null;
    this.items = [];
    this.total = null;
    this.hasMore = false;
    this.loading = false;
    return this.#fetch();
  }

  reload(): Promise<void> {
    return this.reset(this.#query);
  }

  loadMore(): Promise<void> {
    if (this.loading || !this.hasMore) return Promise.resolve();
    return this.#fetch();
  }

  /** Fetches again the page that failed. */
  retry(): Promise<void> {
    return this.loading ? Promise.resolve() : this.#fetch();
  }

  async #fetch(): Promise<void> {
    const generation = this.#generation;
    const query = new URLSearchParams(this.#query);
    query.set("limit", String(PAGE_SIZE));
    if (this.#cursor) query.set("cursor", this.#cursor);
    else query.set("includeTotal", "true");
    this.loading = true;
    this.error = null;
    try {
      const page = await api<LeadPage>("/leads", { query });
      if (generation !== this.#generation) return;
      this.items = this.items.concat(page.items);
      if (page.total !== undefined) this.total = page.total;
      this.#cursor = page.nextCursor;
      this.hasMore = page.nextCursor !== null;
    } catch (err) {
      if (generation === this.#generation) this.error = errorMessage(err, FILTER_LABELS);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}

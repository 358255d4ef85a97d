/**
 * A small per-isolate cache for rarely changing rows read on every webhook or turn (channels,
 * tenants, AI settings). Entries live `ttlMs`; writers in the same isolate call forget().
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  async get(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import { mergeInto, type RequestSeries } from "../workers/metrics/registry";

/** Platform-wide request metrics: isolates push deltas here; /metrics reads the totals. */
export class MetricsAggregator extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS series (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  }

  merge(batch: RequestSeries[]): void {
    const current = this.load();
    for (const series of batch) {
      const key = mergeInto(current, series);
      this.ctx.storage.sql.exec(`INSERT OR REPLACE INTO series (key, value) VALUES (?, ?)`, key, JSON.stringify(current.get(key)));
    }
  }

  snapshot(): RequestSeries[] {
    return [...this.load().values()].sort((a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.status - b.status);
  }

  private load(): Map<string, RequestSeries> {
    const map = new Map<string, RequestSeries>();
    for (const row of this.ctx.storage.sql.exec<{ key: string; value: string }>(`SELECT key, value FROM series`)) {
      map.set(row.key, JSON.parse(row.value) as RequestSeries);
    }
    return map;
  }
}

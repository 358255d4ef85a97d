import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import { mergeInto, type RequestSeries } from "../workers/metrics/registry";
import { observe, VOICE_STAGES, type StageSeries, type VoiceSnapshot, type VoiceTurnSample } from "../workers/metrics/voice-series";

/** Platform-wide request and voice metrics: isolates push deltas here; /metrics reads the totals. */
export class MetricsAggregator extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS series (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS voice_stages (stage TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS voice_calls (outcome TEXT PRIMARY KEY, count INTEGER NOT NULL)`);
  }

  /** One voice turn's stage timings (ms); a stage that did not happen is skipped. Turns are few, so each is one RPC. */
  observeVoiceTurn(sample: VoiceTurnSample): void {
    const stages = this.voiceSnapshot().stages;
    for (const stage of VOICE_STAGES) {
      const ms = sample[stage];
      if (typeof ms !== "number" || !Number.isFinite(ms)) continue;
      this.ctx.storage.sql.exec(
        `INSERT OR REPLACE INTO voice_stages (stage, value) VALUES (?, ?)`,
        stage,
        JSON.stringify(observe(stages[stage], ms)),
      );
    }
  }

  countCall(outcome: string): void {
    this.ctx.storage.sql.exec(
      `INSERT INTO voice_calls (outcome, count) VALUES (?, 1) ON CONFLICT (outcome) DO UPDATE SET count = count + 1`,
      outcome,
    );
  }

  voiceSnapshot(): VoiceSnapshot {
    const stages: VoiceSnapshot["stages"] = {};
    for (const row of this.ctx.storage.sql.exec<{ stage: string; value: string }>(`SELECT stage, value FROM voice_stages`))
      stages[row.stage as keyof typeof stages] = JSON.parse(row.value) as StageSeries;
    const calls: Record<string, number> = {};
    for (const row of this.ctx.storage.sql.exec<{ outcome: string; count: number }>(`SELECT outcome, count FROM voice_calls`))
      calls[row.outcome] = row.count;
    return { stages, calls };
  }

  merge(batch: RequestSeries[]): void {
    const current = this.load();
    for (const series of batch) {
      const key = mergeInto(current, series);
      this.ctx.storage.sql.exec(`INSERT OR REPLACE INTO series (key, value) VALUES (?, ?)`, key, JSON.stringify(current.get(key)));
    }
  }

  snapshot(): RequestSeries[] {
    return [...this.load().values()].sort(
      (a, b) => a.route.localeCompare(b.route) || a.method.localeCompare(b.method) || a.status - b.status,
    );
  }

  private load(): Map<string, RequestSeries> {
    const map = new Map<string, RequestSeries>();
    for (const row of this.ctx.storage.sql.exec<{ key: string; value: string }>(`SELECT key, value FROM series`)) {
      map.set(row.key, JSON.parse(row.value) as RequestSeries);
    }
    return map;
  }
}

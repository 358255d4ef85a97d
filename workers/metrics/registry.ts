import type { Env, WaitUntil } from "../env";
import { metricsStub } from "../../durable-objects/stubs";

/** Upper bounds (seconds) of the request-duration histogram buckets. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface RequestSeries {
  method: string;
  route: string;
  status: number;
  count: number;
  sumSeconds: number;
  /** Count per bucket (not cumulative), same order as DURATION_BUCKETS, plus +Inf last. */
  buckets: number[];
}

// Each isolate accumulates locally and pushes deltas to the MetricsAggregator DO at most once
// per FLUSH_INTERVAL_MS, so measuring a request costs no extra round trip.
const FLUSH_INTERVAL_MS = 1000;
let pending = new Map<string, RequestSeries>();
let lastFlush = 0;

export function recordRequest(
  env: Env,
  ctx: WaitUntil | undefined,
  sample: { method: string; route: string; status: number; durationMs: number },
): void {
  const key = seriesKey(sample);
  let series = pending.get(key);
  if (!series) {
    series = {
      method: sample.method,
      route: sample.route,
      status: sample.status,
      count: 0,
      sumSeconds: 0,
      buckets: new Array(DURATION_BUCKETS.length + 1).fill(0),
    };
    pending.set(key, series);
  }
  const seconds = sample.durationMs / 1000;
  series.count++;
  series.sumSeconds += seconds;
  const index = DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
  series.buckets[index === -1 ? DURATION_BUCKETS.length : index]!++;
  if (ctx && Date.now() - lastFlush >= FLUSH_INTERVAL_MS) ctx.waitUntil(flushMetrics(env));
}

export async function flushMetrics(env: Env): Promise<void> {
  if (pending.size === 0) return;
  const batch = [...pending.values()];
  pending = new Map();
  lastFlush = Date.now();
  try {
    await metricsStub(env).merge(batch);
  } catch {
    // Put the samples back so the next flush carries them.
    for (const series of batch) mergeInto(pending, series);
  }
}

/** Adds `series` into `target` and returns its key. */
export function mergeInto(target: Map<string, RequestSeries>, series: RequestSeries): string {
  const key = seriesKey(series);
  const existing = target.get(key);
  if (!existing) {
    target.set(key, { ...series, buckets: [...series.buckets] });
    return key;
  }
  existing.count += series.count;
  existing.sumSeconds += series.sumSeconds;
  series.buckets.forEach((n, i) => (existing.buckets[i] = (existing.buckets[i] ?? 0) + n));
  return key;
}

const seriesKey = (s: { method: string; route: string; status: number }) => `${s.method} ${s.route} ${s.status}`;

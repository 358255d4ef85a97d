/** Voice metrics kept by the MetricsAggregator: per-stage turn latency histograms and ended calls by outcome. */

export const VOICE_STAGES = ["stt_final", "llm_first_token", "tts_first_byte", "first_frame", "overhead"] as const;
export type VoiceStage = (typeof VOICE_STAGES)[number];

/** Upper bounds (seconds), around the 600 ms voice-to-voice target; overhead needs the small ones. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 2, 3, 5];

export interface StageSeries {
  count: number;
  sumSeconds: number;
  /** Count per bucket (not cumulative), same order as LATENCY_BUCKETS, plus +Inf last. */
  buckets: number[];
}

export type VoiceTurnSample = Partial<Record<VoiceStage, number | null>>;

export interface VoiceSnapshot {
  stages: Partial<Record<VoiceStage, StageSeries>>;
  calls: Record<string, number>;
}

/** `series` with one more observation of `ms`. */
export function observe(series: StageSeries | undefined, ms: number): StageSeries {
  const next = series
    ? { ...series, buckets: [...series.buckets] }
    : { count: 0, sumSeconds: 0, buckets: new Array(LATENCY_BUCKETS.length + 1).fill(0) };
  const seconds = Math.max(0, ms) / 1000;
  const index = LATENCY_BUCKETS.findIndex((bound) => seconds <= bound);
  next.count++;
  next.sumSeconds += seconds;
  next.buckets[index === -1 ? LATENCY_BUCKETS.length : index]!++;
  return next;
}

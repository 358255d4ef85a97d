import { DURATION_BUCKETS, type RequestSeries } from "./registry";
import { LATENCY_BUCKETS, VOICE_STAGES, type VoiceSnapshot } from "./voice-series";

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** Prometheus text exposition format 0.0.4. */
export function renderPrometheus(
  series: RequestSeries[],
  gauges: Record<string, number> = {},
  voice: VoiceSnapshot = { stages: {}, calls: {} },
): string {
  const lines: string[] = [
    "# HELP homeline_http_requests_total HTTP requests by method, route and status.",
    "# TYPE homeline_http_requests_total counter",
  ];
  for (const s of series) lines.push(`homeline_http_requests_total{${labels(s)}} ${s.count}`);
  lines.push(
    "# HELP homeline_http_request_duration_seconds HTTP request duration by method, route and status.",
    "# TYPE homeline_http_request_duration_seconds histogram",
  );
  for (const s of series) lines.push(...histogram("homeline_http_request_duration_seconds", labels(s), DURATION_BUCKETS, s));
  lines.push(
    "# HELP homeline_voice_turn_latency_seconds Voice turn latency by stage, from the caller's end of speech (overhead: first frame minus provider time).",
    "# TYPE homeline_voice_turn_latency_seconds histogram",
  );
  for (const stage of VOICE_STAGES) {
    const s = voice.stages[stage];
    if (s) lines.push(...histogram("homeline_voice_turn_latency_seconds", `stage="${stage}"`, LATENCY_BUCKETS, s));
  }
  lines.push("# HELP homeline_voice_calls_total Calls ended, by outcome.", "# TYPE homeline_voice_calls_total counter");
  for (const [outcome, count] of Object.entries(voice.calls).sort())
    lines.push(`homeline_voice_calls_total{outcome="${escapeLabel(outcome)}"} ${count}`);
  for (const [name, value] of Object.entries(gauges)) {
    lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A histogram's cumulative _bucket lines, _sum and _count from per-bucket counts (+Inf last). */
function histogram(
  name: string,
  labelText: string,
  bounds: number[],
  s: { count: number; sumSeconds: number; buckets: number[] },
): string[] {
  const lines: string[] = [];
  let cumulative = 0;
  bounds.forEach((bound, i) => {
    cumulative += s.buckets[i] ?? 0;
    lines.push(`${name}_bucket{${labelText},le="${bound}"} ${cumulative}`);
  });
  lines.push(
    `${name}_bucket{${labelText},le="+Inf"} ${s.count}`,
    `${name}_sum{${labelText}} ${s.sumSeconds.toFixed(6)}`,
    `${name}_count{${labelText}} ${s.count}`,
  );
  return lines;
}

function labels(s: RequestSeries): string {
  return `method="${escapeLabel(s.method)}",route="${escapeLabel(s.route)}",status="${s.status}"`;
}

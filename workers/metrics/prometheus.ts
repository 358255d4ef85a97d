import { DURATION_BUCKETS, type RequestSeries } from "./registry";

const escapeLabel = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** Prometheus text exposition format 0.0.4. */
export function renderPrometheus(series: RequestSeries[], gauges: Record<string, number> = {}): string {
  const lines: string[] = [
    "# HELP homeline_http_requests_total HTTP requests by method, route and status.",
    "# TYPE homeline_http_requests_total counter",
  ];
  for (const s of series) lines.push(`homeline_http_requests_total{${labels(s)}} ${s.count}`);
  lines.push(
    "# HELP homeline_http_request_duration_seconds HTTP request duration by method, route and status.",
    "# TYPE homeline_http_request_duration_seconds histogram",
  );
  for (const s of series) {
    let cumulative = 0;
    DURATION_BUCKETS.forEach((bound, i) => {
      cumulative += s.buckets[i] ?? 0;
      lines.push(`homeline_http_request_duration_seconds_bucket{${labels(s)},le="${bound}"} ${cumulative}`);
    });
    lines.push(`homeline_http_request_duration_seconds_bucket{${labels(s)},le="+Inf"} ${s.count}`);
    lines.push(`homeline_http_request_duration_seconds_sum{${labels(s)}} ${s.sumSeconds.toFixed(6)}`);
    lines.push(`homeline_http_request_duration_seconds_count{${labels(s)}} ${s.count}`);
  }
  for (const [name, value] of Object.entries(gauges)) {
    lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
  }
  return lines.join("\n") + "\n";
}

function labels(s: RequestSeries): string {
  return `method="${escapeLabel(s.method)}",route="${escapeLabel(s.route)}",status="${s.status}"`;
}

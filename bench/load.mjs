// One autocannon run with exact percentiles. autocannon reports p97.5 and p99 but no p95, so
// every response's latency is recorded here and the percentiles are read from the sorted list.
import autocannon from "autocannon";
import { latencySummary, round } from "./stats.mjs";

/**
 * `nextPath()` gives each request's path, so every request can differ (search terms, ids).
 * A short warm-up at the same concurrency comes first and is not counted: it fills caches
 * and lets V8 compile the hot paths, which a server that has been up a while has done.
 */
export async function measure({ url, token, nextPath, connections, seconds, warmupSeconds = 3 }) {
  await fire({ url, token, nextPath, connections, seconds: warmupSeconds });
  return fire({ url, token, nextPath, connections, seconds });
}

function fire({ url, token, nextPath, connections, seconds }) {
  const latencies = [];
  const statuses = {};
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    headers: { Authorization: `Bearer ${token}` },
    requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => {
    instance.on("done", (result) => {
      latencies.sort((a, b) => a - b);
      resolve({
        requests: latencies.length,
        requestsPerSecond: round(latencies.length / seconds),
        latencyMs: { ...latencySummary(latencies), mean: round(latencies.reduce((s, v) => s + v, 0) / latencies.length) },
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    instance.on("error", reject);
  });
}

// One autocannon run with exact percentiles and the server's CPU time. autocannon reports p97.5
// and p99 but no p95, so every response's latency is recorded here and the percentiles are
// read from the sorted list. CPU is read from /proc before and after the counted run.
import autocannon from "autocannon";
import { cpuMs } from "../scripts/lib/processes.mjs";
import { latencySummary, round } from "./stats.mjs";

/**
 * `nextPath()` gives each request's path, so every request can differ (search terms, ids).
 * A short warm-up at the same concurrency comes first and is not counted: it fills caches
 * and lets V8 compile the hot paths, which a server that has been up a while has done.
 * `processes` ({ workerd: [pids], … }) are the server's, whose CPU time is divided by the requests.
 */
export async function measure({ url, token, nextPath, connections, seconds, warmupSeconds = 3, processes = {} }) {
  const request = () => ({ method: "GET", path: nextPath() });
  if (warmupSeconds) await fire({ url, token, request, connections, duration: warmupSeconds });
  return fire({ url, token, request, connections, duration: seconds, processes });
}

/**
 * Runs `request()` (→ { method, path, body, headers }) at `connections` for `duration` seconds
 * or `amount` requests. Rejects nothing: the caller judges statuses, errors and timeouts.
 */
export function fire({ url, token, request, connections, duration, amount, processes = {}, timeout = 30 }) {
  const latencies = [];
  const statuses = {};
  const before = cpuOf(processes);
  const started = performance.now();
  const instance = autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    requests: [
      {
        setupRequest: (base) => {
          const next = request();
          return { ...base, ...next, headers: { ...base.headers, ...next.headers } };
        },
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => {
    instance.on("done", (result) => {
      const seconds = amount ? (performance.now() - started) / 1000 : duration;
      const after = cpuOf(processes);
      latencies.sort((a, b) => a - b);
      const cpuMsPerRequest = Object.fromEntries(
        Object.keys(after).map((name) => [name, round((after[name] - before[name]) / Math.max(1, latencies.length))]),
      );
      resolve({
        requests: latencies.length,
        seconds: round(seconds),
        requestsPerSecond: round(latencies.length / seconds),
        latencyMs: { ...latencySummary(latencies), mean: round(latencies.reduce((s, v) => s + v, 0) / latencies.length) },
        ...(Object.keys(after).length
          ? {
              cpuMsPerRequest: { ...cpuMsPerRequest, total: round(sum(cpuMsPerRequest)) },
              // Share of one core each process group was busy: 1.0 is a saturated thread.
              coresBusy: Object.fromEntries(
                Object.keys(after).map((name) => [name, round((after[name] - before[name]) / (seconds * 1000))]),
              ),
            }
          : {}),
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    instance.on("error", reject);
  });
}

const sum = (byName) => Object.values(byName).reduce((s, v) => s + v, 0);
const cpuOf = (processes) => Object.fromEntries(Object.entries(processes).map(([name, pids]) => [name, cpuMs(pids)]));

/** Throws unless every response was `ok` (default 200) with no errors or timeouts. */
export function expectAllOk(run, ok = [200]) {
  const failed = Object.keys(run.statuses).some((status) => !ok.includes(Number(status)));
  if (failed || run.errors || run.timeouts)
    throw new Error(`Requests failed: statuses ${JSON.stringify(run.statuses)}, ${run.errors} errors, ${run.timeouts} timeouts.`);
}

// The lead benchmarks. Each takes { url, token, leads, leadIds, processes, serverPid, inspectorPort } and
// returns its figures, target and verdict; run.mjs adds the date and machine and writes the file.
import { FIRST_NAMES, LAST_NAMES, NEIGHBORHOODS } from "../scripts/lib/austin.mjs";
import { expectAllOk, measure } from "./load.mjs";
import { inspectIsolate } from "./isolate-heap.mjs";
import { workerdPids } from "../scripts/lib/processes.mjs";
import { memoryOf } from "./workerd-memory.mjs";

const MB = 1024 * 1024;
const fmt = (n) => n.toLocaleString("en-US");

// What people type: names, ZIP codes, streets, job words, a phone number; from very common
// ("roofing") to rare ("tankless"), so the mix covers cheap and expensive searches.
const SEARCH_TERMS = [
  ...LAST_NAMES.filter((_, i) => i % 6 === 0),
  ...FIRST_NAMES.filter((_, i) => i % 10 === 0),
  ...NEIGHBORHOODS.filter((_, i) => i % 4 === 0).map((n) => n.zip),
  "maria garcia",
  "lamar",
  "burnet rd",
  "leak",
  "water heater",
  "shingles",
  "hail",
  "tankless",
  "ev charger",
  "roofing",
  "plumbing",
  "(512) 555-0142",
];

const cycle = (items, toPath) => {
  let i = 0;
  return () => toPath(items[i++ % items.length]);
};

/**
 * Measures at the benchmark's concurrency (judged against the target), then for 5 s with one
 * connection: a closed-loop test's latency is mostly queueing (connections ÷ throughput), and
 * the single-connection figure shows what one request itself costs.
 */
async function latencyBenchmark({ url, token, leads, processes, nextPath, connections, seconds, p95Ms, loadDetail, ...described }) {
  const figures = await measure({ url, token, nextPath, connections, seconds, processes });
  const single = await measure({ url, token, nextPath, connections: 1, seconds: 5, warmupSeconds: 0 });
  for (const run of [figures, single]) expectAllOk(run);
  const { p50, p95, p99 } = figures.latencyMs;
  return {
    ...described,
    load: `${fmt(leads)} leads, ${connections} connections, ${seconds} s, ${loadDetail}`,
    parameters: { ...described.parameters, leads, connections, seconds },
    figures: { ...figures, singleConnection: single },
    summary: `p50 ${p50} ms · p95 ${p95} ms · p99 ${p99} ms · ${fmt(Math.round(figures.requestsPerSecond))} req/s · CPU ${figures.cpuMsPerRequest.total} ms a request (workerd ${Math.round(figures.coresBusy.workerd * 100)} % of a core) (1 connection: p50 ${single.latencyMs.p50} ms, p95 ${single.latencyMs.p95} ms)`,
    target: { description: `p95 ≤ ${p95Ms} ms`, p95Ms },
    met: p95 <= p95Ms,
  };
}

export function leadList({ url, token, leads, processes }) {
  const filters = "status=new,contacted&scoreMin=30&sort=-createdAt&limit=50";
  return latencyBenchmark({
    url,
    token,
    leads,
    processes,
    nextPath: cycle(SEARCH_TERMS, (term) => `/api/v1/leads?q=${encodeURIComponent(term)}&${filters}`),
    connections: 50,
    seconds: 15,
    p95Ms: 30,
    loadDetail: `${SEARCH_TERMS.length} search terms`,
    name: "lead-list",
    title: "Lead list: search + filters",
    parameters: { path: `/api/v1/leads?q=<term>&${filters}`, searchTerms: SEARCH_TERMS },
  });
}

export function leadGet({ url, token, leads, leadIds, processes }) {
  return latencyBenchmark({
    url,
    token,
    leads,
    processes,
    nextPath: cycle(leadIds, (id) => `/api/v1/leads/${id}`),
    connections: 100,
    seconds: 15,
    p95Ms: 10,
    loadDetail: `${fmt(leadIds.length)} random ids`,
    name: "lead-get",
    title: "One lead by id",
    parameters: { path: "/api/v1/leads/:id", distinctIds: leadIds.length },
  });
}

/**
 * Streams the whole export, counting its rows, while memory is sampled: workerd's RSS and the
 * Worker isolate's heap. The heap is what streaming keeps flat; RSS also holds the local D1's
 * SQLite page cache, which fills as the export reads the whole table. The heap saws up and
 * down with garbage collection; its low points are what survives a collection, so "flat"
 * means the lowest sample of the export's second half is no higher than the lowest of its
 * first half (+8 MB). Holding the rows would raise it by half the export at least.
 */
export async function csvExport({ url, token, leads, serverPid, inspectorPort }) {
  const pids = workerdPids(serverPid);
  if (!pids.length) throw new Error("Found no workerd process under npm run serve to measure.");
  const isolate = await inspectIsolate(inspectorPort);
  const read = async () => ({ ...memoryOf(pids), heap: await isolate.usedBytes() });
  try {
    await sleep(1000); // let the previous benchmark's work settle
    const before = await read();
    const sampler = sample(read, 250);
    const started = performance.now();
    const response = await fetch(`${url}/api/v1/leads/export.csv`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`Export failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
    const { records, bytes, firstByteAt } = await countCsvRecords(response.body);
    const seconds = (performance.now() - started) / 1000;
    const firstByteMs = firstByteAt - started;
    const samples = await sampler.stop();
    await sleep(2000);
    const after = await read();

    const rows = records - 1; // the header
    const mb = (key) => {
      const peak = Math.max(...samples.map((s) => s[key]));
      return { before: toMB(before[key]), peak: toMB(peak), after: toMB(after[key]), maxGrowth: toMB(peak - before[key]) };
    };
    const rss = mb("rss");
    const heap = mb("heap");
    const half = Math.ceil(samples.length / 2);
    const floorOf = (part) => Math.min(...part.map((s) => s.heap));
    const heapDriftMB = toMB(floorOf(samples.slice(half)) - floorOf(samples.slice(0, half)));
    const target = {
      description: `all ${fmt(leads)} rows; isolate heap flat: its low point in the second half ≤ first half's + 8 MB`,
      rows: leads,
      maxHeapDriftMB: 8,
    };
    return {
      name: "csv-export",
      title: "CSV export, streamed",
      load: `${fmt(leads)} leads, 1 client`,
      parameters: { leads, path: "/api/v1/leads/export.csv", sampleEveryMs: 250 },
      figures: {
        rows,
        bytes,
        seconds: round(seconds),
        rowsPerSecond: Math.round(rows / seconds),
        firstByteMs: round(firstByteMs),
        workerdPids: pids,
        rssMB: rss,
        rssAnonMB: mb("anon"),
        isolateHeapMB: { ...heap, lowPointDrift: heapDriftMB },
        samples: samples.map((s) => ({ atMs: s.atMs, rssMB: toMB(s.rss), anonMB: toMB(s.anon), heapMB: toMB(s.heap) })),
      },
      summary: `${fmt(rows)} rows (${toMB(bytes)} MB) in ${round(seconds)} s · ${fmt(Math.round(rows / seconds))} rows/s · isolate heap ${heap.before} → peak ${heap.peak} MB, low points drift ${heapDriftMB >= 0 ? "+" : ""}${heapDriftMB} MB · workerd RSS ${rss.before} → peak ${rss.peak} MB (+${rss.maxGrowth})`,
      target,
      met: rows === leads && heapDriftMB <= target.maxHeapDriftMB,
    };
  } finally {
    isolate.close();
  }
}

/** Reads a CSV stream to its end: records (a newline outside quotes ends one) and bytes. */
async function countCsvRecords(body) {
  let firstByteAt = null;
  let bytes = 0;
  let records = 0;
  let quoted = false;
  for await (const chunk of body) {
    firstByteAt ??= performance.now();
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === 0x22) quoted = !quoted;
      else if (chunk[i] === 0x0a && !quoted) records++;
    }
  }
  return { records, bytes, firstByteAt };
}

/** Calls `read` every `intervalMs` (after the previous read finished) until stopped, and once more then. */
function sample(read, intervalMs) {
  const started = Date.now();
  const samples = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push({ atMs: Date.now() - started, ...(await read()) });
      await sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      samples.push({ atMs: Date.now() - started, ...(await read()) }); // so even a short run has two
      return samples;
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n) => Math.round(n * 10) / 10;
const toMB = (bytes) => round(bytes / MB);

// Wallet benchmarks: debits through the Worker into one Wallet DO at a fixed arrival rate
// (throughput, latency, and that the balance ends exact), and one change fanned out to 1,000
// open /ws/wallet sockets (delivery time per socket). Each takes { url, token }.
import autocannon from "autocannon";
import WebSocket from "ws";
import { cpuMs } from "../scripts/lib/processes.mjs";
import { percentile, round } from "./stats.mjs";

const fmt = (n) => n.toLocaleString("en-US");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response.json();
}

const DEBIT = {
  path: "/api/v1/wallet/debits",
  method: "POST",
  body: JSON.stringify({ channel: "email", quantity: 1, reference: "bench" }),
};

/** Offers `rate` requests a second for `seconds` over `connections` (a debit unless told); every latency is kept. */
function offer({ url, token, rate, connections, seconds, request = DEBIT, processes = {} }) {
  const cpuBefore = cpuMs(Object.values(processes).flat());
  const latencies = [];
  const statuses = {};
  const instance = autocannon({
    url: `${url}${request.path}`,
    connections,
    overallRate: rate,
    duration: seconds,
    method: request.method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: request.body,
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => {
    instance.on("done", (result) => {
      const cpuMsPerRequest = round((cpuMs(Object.values(processes).flat()) - cpuBefore) / Math.max(1, latencies.length));
      resolve({ latencies: latencies.sort((a, b) => a - b), statuses, errors: result.errors, timeouts: result.timeouts, cpuMsPerRequest });
    });
    instance.on("error", reject);
  });
}

/**
 * 1,000 debits a second offered for 15 s (after a 3 s warm-up) to one workspace's wallet:
 * every request authenticates, is priced, and goes through the same Wallet DO, which
 * serializes them. Judged on the rate achieved and p99. Exactness: once the run has settled
 * (requests still in flight when the clock stops complete too), the balance must have fallen by
 * exactly the credits of the debit entries the ledger holds for the run, one credit each.
 * For scale, the same load is then offered to GET /api/health (no auth, no storage): what this
 * machine's `npm run serve` serves at all.
 */
export async function walletDebits({ url, token, processes }) {
  const rate = 1000;
  const connections = 64;
  const seconds = 15;
  await api(url, token, "POST", "/wallet/dev-top-up", { credits: 1_000_000 });
  await offer({ url, token, rate, connections, seconds: 3 });
  await sleep(1000);
  const before = (await api(url, token, "GET", "/wallet")).balance;
  const from = new Date().toISOString();
  const run = await offer({ url, token, rate, connections, seconds, processes });
  await sleep(1000);
  const after = (await api(url, token, "GET", "/wallet")).balance;
  const spent = (await api(url, token, "GET", `/wallet/spend?from=${encodeURIComponent(from)}`)).channels.find(
    (c) => c.channel === "email",
  ) ?? { credits: 0, entries: 0 };
  const accepted = run.statuses[201] ?? 0;
  const failed = Object.keys(run.statuses).some((status) => status !== "201");
  if (failed || run.errors || run.timeouts)
    throw new Error(`Debits failed: statuses ${JSON.stringify(run.statuses)}, ${run.errors} errors, ${run.timeouts} timeouts.`);
  const perSecond = Math.round(accepted / seconds);
  const latencyMs = {
    p50: percentile(run.latencies, 50),
    p95: percentile(run.latencies, 95),
    p99: percentile(run.latencies, 99),
    max: percentile(run.latencies, 100),
  };
  const exact = before - after === spent.credits && spent.credits === spent.entries && spent.entries >= accepted;
  const health = await offer({ url, token, rate, connections, seconds: 5, request: { path: "/api/health", method: "GET" } });
  const baseline = { requestsPerSecond: Math.round(health.latencies.length / 5), p99Ms: percentile(health.latencies, 99) };
  return {
    name: "wallet-debits",
    title: "Wallet debits into one Durable Object",
    load: `${fmt(rate)} debits/s offered over ${connections} connections for ${seconds} s, one wallet`,
    parameters: {
      path: "POST /api/v1/wallet/debits",
      body: { channel: "email", quantity: 1 },
      rate,
      connections,
      seconds,
      warmupSeconds: 3,
    },
    figures: {
      debits: accepted,
      debitsPerSecond: perSecond,
      requestsPerSecond: perSecond,
      cpuMsPerRequest: { total: run.cpuMsPerRequest },
      latencyMs,
      statuses: run.statuses,
      balanceBefore: before,
      balanceAfter: after,
      ledgerDebits: spent.entries,
      balanceExact: exact,
      healthEndpointSameLoad: baseline,
    },
    summary: `${fmt(perSecond)} debits/s · p50 ${latencyMs.p50} ms · p95 ${latencyMs.p95} ms · p99 ${latencyMs.p99} ms · CPU ${run.cpuMsPerRequest} ms a request · balance ${exact ? "exact" : "WRONG"} (${fmt(before)} → ${fmt(after)}) · same load on /api/health: ${fmt(baseline.requestsPerSecond)} req/s, p99 ${baseline.p99Ms} ms`,
    target: { description: "≥ 800 debits/s with p99 ≤ 30 ms, balance exact", debitsPerSecond: 800, p99Ms: 30 },
    met: perSecond >= 800 && latencyMs.p99 <= 30 && exact,
  };
}

async function openSocket(url, token) {
  const { url: path } = await api(url, token, "POST", "/ws-ticket", { channel: "wallet" });
  const socket = new WebSocket(url.replace(/^http/, "ws") + path);
  const snapshot = new Promise((resolve, reject) => {
    socket.once("message", resolve);
    socket.once("error", reject);
  });
  await snapshot;
  return socket;
}

/**
 * 1,000 sockets of one user on /ws/wallet (all held by one Wallet DO), then 20 changes one
 * after another (each a debit through the API). Delivery is timed per socket from the change
 * (the entry's commit time, stamped by the object; same machine, same clock) to the socket
 * receiving it — the target — and, for reference, from the HTTP request being sent.
 */
export async function walletFanout({ url, token }) {
  const sockets = 1000;
  const changes = 20;
  await api(url, token, "POST", "/wallet/dev-top-up", { credits: 10_000 });
  const open = [];
  for (let i = 0; i < sockets; i += 50)
    open.push(...(await Promise.all(Array.from({ length: Math.min(50, sockets - i) }, () => openSocket(url, token)))));
  try {
    const delays = [];
    const sinceRequest = [];
    for (let change = 0; change < changes; change++) {
      const sent = Date.now();
      const received = open.map(
        (socket) =>
          new Promise((resolve) => socket.once("message", (data) => resolve({ at: Date.now(), message: JSON.parse(String(data)) }))),
      );
      await api(url, token, "POST", "/wallet/debits", { channel: "email", quantity: 1, reference: `fanout-${change}` });
      for (const { at, message } of await Promise.all(received)) {
        delays.push(at - Date.parse(message.entries[0].createdAt));
        sinceRequest.push(at - sent);
      }
      await sleep(100);
    }
    delays.sort((a, b) => a - b);
    sinceRequest.sort((a, b) => a - b);
    const latencyMs = {
      p50: percentile(delays, 50),
      p95: percentile(delays, 95),
      p99: percentile(delays, 99),
      max: percentile(delays, 100),
    };
    const fromRequestMs = {
      p50: percentile(sinceRequest, 50),
      p95: percentile(sinceRequest, 95),
      p99: percentile(sinceRequest, 99),
      max: percentile(sinceRequest, 100),
    };
    return {
      name: "wallet-fanout",
      title: "One wallet change to 1,000 sockets",
      load: `${fmt(sockets)} open /ws/wallet sockets, ${changes} changes one at a time`,
      parameters: {
        sockets,
        changes,
        change: "POST /api/v1/wallet/debits",
        measuredFrom: "the entry's commit in the Wallet DO (latencyMs); the request being sent (fromRequestMs)",
      },
      figures: { deliveries: delays.length, latencyMs, fromRequestMs },
      summary: `${fmt(delays.length)} deliveries · from commit p50 ${latencyMs.p50} ms · p95 ${latencyMs.p95} ms · p99 ${latencyMs.p99} ms · max ${latencyMs.max} ms (from request p99 ${fromRequestMs.p99} ms)`,
      target: { description: "p99 delivery ≤ 100 ms", p99Ms: 100 },
      met: delays.length === sockets * changes && latencyMs.p99 <= 100,
    };
  } finally {
    for (const socket of open) socket.close(1000);
  }
}

// The baselines every scenario is read against (issue 17 item 6, issue 18): a hello-world
// Worker and the same hello-world writing one JSON log line per request, each on the runtime
// `npm run serve` uses (bench/baseline-server.mjs), and Homeline's GET /api/health/live beside
// them. Same load for all three: 32 connections, 10 s after a 3 s warm-up.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../scripts/lib/dev-server.mjs";
import { workerdPids } from "../scripts/lib/processes.mjs";
import { ROOT, toolEnv } from "../scripts/lib/toolchain.mjs";
import { expectAllOk, measure } from "./load.mjs";

const LOAD = { connections: 32, seconds: 10 };
const fmt = (n) => Math.round(n).toLocaleString("en-US");

const summary = (run) =>
  `${fmt(run.requestsPerSecond)} req/s · p50 ${run.latencyMs.p50} ms · p95 ${run.latencyMs.p95} ms · p99 ${run.latencyMs.p99} ms · CPU ${run.cpuMsPerRequest.total} ms a request (workerd ${Math.round(run.coresBusy.workerd * 100)} % of a core)`;

async function baseline({ logging, logDir }) {
  mkdirSync(logDir, { recursive: true });
  const port = await freePort();
  const args = [join(ROOT, "bench", "baseline-server.mjs"), "--port", String(port), "--log-file", join(logDir, "baseline.log")];
  const child = spawn(process.execPath, [...args, ...(logging ? ["--logging"] : [])], {
    env: toolEnv(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => String(chunk).includes("listening") && resolve());
    exited.then((code) => reject(new Error(`The baseline server exited (${code}) before it listened.`)));
  });
  try {
    const processes = { workerd: workerdPids(child.pid), "log writer (node)": [child.pid] };
    const run = await measure({ url: `http://127.0.0.1:${port}`, nextPath: () => "/", ...LOAD, processes });
    expectAllOk(run);
    return run;
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

export async function helloWorld({ logDir }) {
  const run = await baseline({ logging: false, logDir });
  return {
    name: "hello-world",
    title: "Baseline: hello-world Worker (same runtime)",
    load: `${LOAD.connections} connections, ${LOAD.seconds} s`,
    parameters: LOAD,
    figures: run,
    summary: summary(run),
    target: { description: "the reference for every ratio" },
    met: true,
  };
}

export async function loggingHelloWorld({ logDir }) {
  const run = await baseline({ logging: true, logDir });
  return {
    name: "logging-hello-world",
    title: "Baseline: the same hello-world, one JSON log line per request",
    load: `${LOAD.connections} connections, ${LOAD.seconds} s`,
    parameters: LOAD,
    figures: run,
    summary: summary(run),
    target: { description: "the reference for every ratio" },
    met: true,
  };
}

export async function healthLive({ url, processes }) {
  const run = await measure({ url, nextPath: () => "/api/health/live", ...LOAD, processes });
  expectAllOk(run);
  return {
    name: "health-live",
    title: "Homeline GET /api/health/live",
    load: `${LOAD.connections} connections, ${LOAD.seconds} s`,
    parameters: LOAD,
    figures: run,
    summary: summary(run),
    target: { description: "≥ 0.95 × the logging hello-world's req/s", ratios: { "logging-hello-world": 0.95 } },
    met: true,
  };
}

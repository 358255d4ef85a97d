// Result files (bench/results/<name>.json) and the markdown table for the README.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "../scripts/lib/toolchain.mjs";

const RESULTS = join(ROOT, "bench", "results");

/** What the figures depend on. The load average shows whether something else was busy. */
export function machineInfo() {
  const version = (pkg) => JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
  const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  let commit = null;
  let uncommittedChanges = null;
  try {
    commit = git("rev-parse", "--short", "HEAD");
    uncommittedChanges = git("status", "--porcelain", "--untracked-files=no") !== "";
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cpus: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    wrangler: version("wrangler"),
    miniflare: version("miniflare"),
    workerd: version("workerd"),
    commit,
    uncommittedChanges,
    loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function writeResult(result) {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

// The references every scenario's throughput is read against, when they ran in the same run.
const REFERENCES = { "hello-world": "× hello", "logging-hello-world": "× logging hello", "whatsapp-peer": "× peer" };

/**
 * Adds each scenario's requests/s as a ratio to the references of this run, and judges the
 * ratio targets (target.ratios: { reference: minimum }); a reference that did not run leaves
 * its target unjudged (met stays as the scenario said, `unjudged` lists it).
 */
export function applyRatios(results) {
  const rps = (r) => r?.figures?.requestsPerSecond;
  const references = Object.fromEntries(Object.keys(REFERENCES).map((name) => [name, rps(results.find((r) => r.name === name))]));
  for (const result of results) {
    if (!rps(result)) continue;
    result.ratios = Object.fromEntries(
      Object.entries(references)
        .filter(([, value]) => value)
        .map(([name, value]) => [name, Math.round((rps(result) / value) * 100) / 100]),
    );
    const wanted = Object.entries(result.target.ratios ?? {});
    result.unjudged = wanted.filter(([name]) => result.ratios[name] === undefined).map(([name]) => name);
    result.met = result.met && wanted.every(([name, minimum]) => result.ratios[name] === undefined || result.ratios[name] >= minimum);
  }
  return results;
}

export function markdownTable(results) {
  const head = ["Benchmark", "Load", "Result", ...Object.values(REFERENCES), "Target", "Met"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of results) {
    const ratios = Object.keys(REFERENCES).map((name) => (r.ratios?.[name] === undefined ? "" : `${r.ratios[name]}`));
    const met = r.unjudged?.length ? `${r.met ? "✅" : "❌"} (no ${r.unjudged.join(", ")} in this run)` : r.met ? "✅" : "❌";
    lines.push(`| ${[r.title, r.load, r.summary, ...ratios, r.target.description, met].join(" | ")} |`);
  }
  return lines.join("\n");
}

// Result files (bench/results/<name>.json) and the markdown table for the README.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";
import { ROOT } from "../scripts/lib/toolchain.mjs";

const RESULTS = join(ROOT, "bench", "results");

/** What the figures depend on. The load average shows whether something else was busy. */
export function machineInfo() {
  const wrangler = JSON.parse(readFileSync(join(ROOT, "node_modules", "wrangler", "package.json"), "utf8")).version;
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
    wrangler,
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

export function markdownTable(results) {
  const lines = ["| Benchmark | Load | Result | Target | Met |", "|---|---|---|---|---|"];
  for (const r of results) lines.push(`| ${r.title} | ${r.load} | ${r.summary} | ${r.target.description} | ${r.met ? "✅" : "❌"} |`);
  return lines.join("\n");
}

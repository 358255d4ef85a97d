// Runs project tools as child processes. The project's node_modules/.bin goes first on PATH so a
// script started as `node scripts/x.mjs` from a shell with the system Node 20 still gets Node 22
// and the pinned wrangler; metrics are off because these runs have no network.
import { spawn } from "node:child_process";
import { delimiter } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function toolEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${ROOT}node_modules/.bin${delimiter}${process.env.PATH ?? ""}`,
    WRANGLER_SEND_METRICS: "false",
    ...extra,
  };
}

/**
 * Runs a command to completion in the project root. `capture` collects stdout (and keeps stderr
 * for the error message) instead of streaming it to the terminal. Rejects on a non-zero exit.
 */
export function run(command, args, { capture = false, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: toolEnv(env), stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) return resolve(stdout);
      const output = (stderr || stdout).trim().split("\n").slice(-20).join("\n");
      reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})${output ? `:\n${output}` : ""}`));
    });
  });
}

/** Formats milliseconds for progress lines: 850 ms, 12.3 s, 2 min 05 s. */
export function formatDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

/** Runs a script's body; a failure prints its message (not a stack of this plumbing) and exits 1. */
export function main(body) {
  body().catch((err) => {
    console.error(`\n✖ ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}

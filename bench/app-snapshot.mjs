// A private copy of the app for the benchmark server. `wrangler dev` rebuilds and restarts
// whenever a watched source file changes; serving a copy keeps edits made in the checkout
// during a run from restarting the server mid-measurement, and pins the code being measured.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { ROOT } from "../scripts/lib/toolchain.mjs";

// Not needed to serve the API, or too large to copy (node_modules is linked instead).
// .dev.vars stays out too: the bench passes its own throwaway JWT secret.
const SKIP = new Set([".git", ".wrangler", "node_modules", "web", "bench", ".dev.vars"]);

export function snapshotApp() {
  const dir = mkdtempSync(join(tmpdir(), "homeline-bench-app-"));
  cpSync(ROOT, dir, { recursive: true, filter: (source) => !SKIP.has(relative(ROOT, source).split("/")[0]) });
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  mkdirSync(join(dir, "web", "build"), { recursive: true }); // wrangler.toml's assets directory must exist
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// npm run serve: the built Worker on workerd (Miniflare's API, no development proxy, no reloads),
// on the same local state as `npm start`. Options (also as `npm run serve -- --port 8790`):
//   --port N          default 8788 (or PORT)
//   --persist-to DIR  default wrangler's .wrangler/state (or PERSIST_DIR), shared with npm start
//   --log-file FILE   request logs, one JSON line each (default .wrangler/logs/serve.log)
//   --var KEY:VALUE   overrides a variable or secret (repeatable), as with wrangler dev
//   --inspector-port N  opens workerd's DevTools inspector (the isolate is /core:user:homeline)
//   --no-setup        skips migrations, demo data and the web build (the state is prepared already)
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { afterStart } from "./lib/after-start.mjs";
import { prepareLocalApp, runningBanner } from "./lib/local-setup.mjs";
import { formatDuration, main, ROOT } from "./lib/toolchain.mjs";
import { DEFAULT_PERSIST_DIR, batchedLogFile, bundleWorker, dispatchScheduled, serveWorker } from "./lib/workerd.mjs";

const DEFAULT_PORT = 8788;
const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT || String(DEFAULT_PORT) },
    "persist-to": { type: "string", default: process.env.PERSIST_DIR || undefined },
    "log-file": { type: "string", default: join(ROOT, ".wrangler", "logs", "serve.log") },
    var: { type: "string", multiple: true, default: [] },
    "inspector-port": { type: "string" },
    "no-setup": { type: "boolean", default: false },
  },
});

main(async () => {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port must be a port number, not “${values.port}”.`);
  const persistDir = values["persist-to"] ? resolve(values["persist-to"]) : undefined;
  if (!values["no-setup"]) await prepareLocalApp(persistDir);

  const started = Date.now();
  console.log("▸ Worker bundle (wrangler deploy --dry-run)");
  const bundleDir = mkdtempSync(join(tmpdir(), "homeline-serve-"));
  const scriptPath = await bundleWorker(bundleDir);
  console.log(`  done in ${formatDuration(Date.now() - started)}`);

  const url = `http://localhost:${port}`;
  const vars = { WEB_ORIGIN: url, ...parseVars(values.var) };
  const logFile = resolve(values["log-file"]);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = batchedLogFile(logFile);
  const inspectorPort = values["inspector-port"] ? Number(values["inspector-port"]) : undefined;
  const startedAt = Date.now();
  const mf = await serveWorker({ scriptPath, port, persistDir: persistDir ?? DEFAULT_PERSIST_DIR, vars, log, inspectorPort });
  const fire = async (cron, scheduledTime) => {
    const { outcome } = await dispatchScheduled(mf, cron, scheduledTime);
    if (outcome !== "ok") throw new Error(`the scheduled handler ended “${outcome}”`);
    return outcome;
  };
  const { lines } = await afterStart({ url, port, startedAt, fire, defaultPort: DEFAULT_PORT });
  console.log(
    runningBanner(url, [
      `Runtime          workerd through Miniflare (no dev proxy, no reload: restart after edits)`,
      `Request logs     ${logFile}  (one JSON line per request, written in batches; tail -f it)`,
      `State            ${persistDir ?? DEFAULT_PERSIST_DIR} (the same as npm start)`,
      ...lines,
    ]),
  );

  // Miniflare stops workerd itself on SIGINT, SIGTERM and SIGHUP (exiting 128 + the signal);
  // the log sink flushes on exit, and this removes the bundle.
  process.once("exit", () => rmSync(bundleDir, { recursive: true, force: true }));
});

/** ["KEY:VALUE", …] → { KEY: "VALUE" } (a value may hold colons; an empty one unsets). */
function parseVars(pairs) {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf(":");
      if (at < 1) throw new Error(`--var takes KEY:VALUE, not “${pair}”.`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

// The built Worker on workerd through Miniflare's API, the way `wrangler dev` runs it minus its
// development proxy, file watcher and per-line terminal logger. Bindings come from wrangler.toml
// (and .dev.vars) through wrangler's own converter, and state lives in wrangler's persist layout
// (<persist>/v3/{d1,r2,do,...}), so `npm start` and `npm run serve` share one local state.
import { mkdirSync, openSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { ROOT, run } from "./toolchain.mjs";

/** wrangler dev's default state directory; --persist-to / PERSIST_DIR move it. */
export const DEFAULT_PERSIST_DIR = join(ROOT, ".wrangler", "state");
const WORKER_NAME = "homeline"; // wrangler.toml's name: Durable Object state is keyed by it

/** Bundles workers/index.ts exactly as `wrangler deploy` would (nodejs_compat polyfills included). */
export async function bundleWorker(outdir) {
  await run("wrangler", ["deploy", "--dry-run", "--outdir", outdir], { capture: true });
  return join(outdir, "index.js");
}

/**
 * A log sink that writes whole batches: Miniflare hands over one console line at a time; each is
 * appended to a buffer that goes to the file in one write per event-loop turn, so a request
 * costs a string append here, not a write (or a terminal render) of its own. Writes are
 * synchronous (page cache, one per batch), so an exit loses nothing but what workerd had not
 * printed yet.
 */
export function batchedLogFile(file) {
  const fd = openSync(file, "a");
  let pending = "";
  const flush = () => {
    if (pending) writeSync(fd, pending);
    pending = "";
  };
  process.once("exit", flush);
  return {
    file,
    write(line) {
      if (!pending) setImmediate(flush);
      pending += `${line}\n`;
    },
  };
}

/**
 * Starts the bundled Worker on `host:port`. `vars` override wrangler.toml's and .dev.vars'
 * values (the bench's throwaway secrets, WEB_ORIGIN for the port). Resolves with the Miniflare
 * instance once workerd listens.
 */
export function serveWorker({ scriptPath, persistDir = DEFAULT_PERSIST_DIR, vars = {}, ...runtime }) {
  // Module rules only matter to a bundler; the script is bundled already.
  const { modulesRules, ...workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, "wrangler.toml")).workerOptions;
  mkdirSync(workerOptions.assets?.directory ?? join(ROOT, "web", "build"), { recursive: true });
  return startRuntime({
    ...runtime,
    persistDir,
    worker: {
      ...workerOptions,
      name: WORKER_NAME,
      modules: true,
      modulesRoot: dirname(scriptPath), // module names are relative to it; the bundle is outside the project
      scriptPath,
      bindings: { ...workerOptions.bindings, ...vars },
    },
  });
}

/**
 * One Worker (Miniflare's v4 worker options) on workerd, set up the way serve runs Homeline:
 * the benchmark's baselines run through here too, so they differ from it only in the script.
 */
export async function startRuntime({ worker, port, host = "127.0.0.1", persistDir, log, inspectorPort }) {
  // wrangler builds its options in Miniflare's v4 shape and converts them the same way.
  const options = convertV4MiniflareOptions({
    host,
    port,
    ...(persistDir ? { resourcePersistencePath: join(persistDir, "v3") } : {}),
    resourceTmpPath: join(ROOT, ".wrangler", "tmp"),
    inspectorPort,
    logRequests: false,
    // As under wrangler dev: GET /cdn-cgi/local/scheduled?cron=… runs the scheduled() handler.
    unsafeTriggerHandlers: true,
    // The Worker's own log lines are already JSON; workerd wraps each one, the message is the line.
    handleStructuredLogs: ({ message }) => log.write(message),
    workers: [worker],
  });
  const mf = new Miniflare(options);
  await mf.ready;
  return mf;
}

/** Runs the Worker's scheduled() handler for `cron`, as Cloudflare's cron trigger would. */
export async function dispatchScheduled(mf, cron, scheduledTime = Date.now()) {
  const worker = await mf.getWorker(WORKER_NAME);
  return worker.scheduled({ cron, scheduledTime: new Date(scheduledTime) });
}

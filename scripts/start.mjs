// npm start: everything needed to try Homeline locally, with no accounts and no network.
// .dev.vars → D1 migrations → demo data → web build → wrangler dev (hot reloading) → recovery of
// work a previous run left pending → wrangler.toml's cron triggers, fired on their schedules.
// --port N (or PORT; default 8787) and PERSIST_DIR (default wrangler's .wrangler/state) override the
// defaults; --no-setup serves the state as it is (no migrations, demo data or web build);
// --var KEY:VALUE (repeatable) overrides .dev.vars for this run, as with wrangler dev.
import { parseArgs } from "node:util";
import { afterStart } from "./lib/after-start.mjs";
import { fireOverHttp } from "./lib/cron-scheduler.mjs";
import { startDevServer } from "./lib/dev-server.mjs";
import { ensureDevVars } from "./lib/dev-vars.mjs";
import { prepareLocalApp, runningBanner } from "./lib/local-setup.mjs";
import { main } from "./lib/toolchain.mjs";

const DEFAULT_PORT = 8787;
const { values: args } = parseArgs({
  options: {
    port: { type: "string" },
    "no-setup": { type: "boolean", default: false },
    var: { type: "string", multiple: true, default: [] },
  },
});
const port = Number(args.port ?? process.env.PORT ?? DEFAULT_PORT);
const persistDir = process.env.PERSIST_DIR || undefined;

main(async () => {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`--port must be a port number such as 8787, not “${args.port ?? process.env.PORT}”.`);
  if (args["no-setup"]) ensureDevVars();
  else await prepareLocalApp(persistDir);

  const startedAt = Date.now();
  // --test-scheduled only silences wrangler's warning that nothing fires cron triggers locally.
  const server = await startDevServer({ port, persistDir, args: ["--test-scheduled", ...args.var.flatMap((v) => ["--var", v])] });
  const { scheduler, lines } = await afterStart({
    url: server.url,
    port,
    startedAt,
    fire: fireOverHttp(server.url),
    defaultPort: DEFAULT_PORT,
  });
  console.log(runningBanner(server.url, lines));

  // Ctrl-C in a terminal reaches wrangler directly (same process group); signals sent to this
  // process alone (kill, a process manager) are passed on so wrangler never outlives it.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"])
    process.on(signal, () => {
      scheduler.stop();
      server.stop(signal);
    });
  const { code, signal } = await server.exited;
  scheduler.stop();
  process.exit(code ?? (signal ? 0 : 1));
});

// npm start: everything needed to try Homeline locally, with no accounts and no network.
// .dev.vars → D1 migrations → demo data → web build → wrangler dev (hot reloading).
// PORT (default 8787) and PERSIST_DIR (default wrangler's .wrangler/state) override the defaults.
import { startDevServer } from "./lib/dev-server.mjs";
import { prepareLocalApp, runningBanner } from "./lib/local-setup.mjs";
import { main } from "./lib/toolchain.mjs";

const port = Number(process.env.PORT) || 8787;
const persistDir = process.env.PERSIST_DIR || undefined;

main(async () => {
  await prepareLocalApp(persistDir);
  const server = await startDevServer({ port, persistDir });
  console.log(runningBanner(server.url));

  // Ctrl-C in a terminal reaches wrangler directly (same process group); signals sent to this
  // process alone (kill, a process manager) are passed on so wrangler never outlives it.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => server.stop(signal));
  const { code, signal } = await server.exited;
  process.exit(code ?? (signal ? 0 : 1));
});

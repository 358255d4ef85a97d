// npm start: everything needed to try Homeline locally, with no accounts and no network.
// .dev.vars → D1 migrations → demo data → web build → wrangler dev.
// PORT (default 8787) and PERSIST_DIR (default wrangler's .wrangler/state) override the defaults.
import { DEMO, DEMO_PASSWORD } from "./lib/accounts.mjs";
import { localD1 } from "./lib/d1.mjs";
import { ensureDevVars } from "./lib/dev-vars.mjs";
import { startDevServer } from "./lib/dev-server.mjs";
import { seedWorkspace } from "./lib/seeding.mjs";
import { seedSampleProperties } from "./lib/property-seeding.mjs";
import { formatDuration, main, run } from "./lib/toolchain.mjs";

const port = Number(process.env.PORT) || 8787;
const persistDir = process.env.PERSIST_DIR || undefined;

async function step(title, work) {
  const started = Date.now();
  console.log(`▸ ${title}`);
  const result = await work();
  console.log(`  done in ${formatDuration(Date.now() - started)}`);
  return result;
}

main(async () => {
  console.log(ensureDevVars() ? "▸ Created .dev.vars with fresh random secrets" : "▸ Using the existing .dev.vars");
  const d1 = localD1(persistDir);
  await step("D1 migrations", () => d1.migrate());
  await step("Demo data", async () => {
    const result = await seedWorkspace(d1, DEMO, { log: (line) => console.log(`  ${line}`) });
    if (!result.created) console.log(`  “${DEMO.tenant.name}” is already there (${result.leads} leads)`);
  });
  await step("Sample property catalog", async () => {
    const result = await seedSampleProperties(d1, { log: (line) => console.log(`  ${line}`) });
    if (!result.created) console.log(`  ${result.properties.toLocaleString("en-US")} sample properties are already there`);
  });
  // Vite's per-file report is noise here; a failure still shows the end of its output.
  await step("Web app", () => run("npm", ["run", "--silent", "build:web"], { capture: true }));

  const server = await startDevServer({ port, persistDir });
  const owner = DEMO.users.find((u) => u.role === "owner");
  const superadmin = DEMO.users.find((u) => u.superadmin);
  const others = DEMO.users.filter((u) => u !== owner && u !== superadmin).map((u) => `${u.email} (${u.role})`);
  console.log(`
    Homeline is running at ${server.url}

    Demo workspace   ${DEMO.tenant.name}
    Owner login      ${owner.email}  /  ${DEMO_PASSWORD}
    Superadmin login ${superadmin.email}  /  ${DEMO_PASSWORD}
    Also             ${others.join(", ")}, same password

    API docs         ${server.url}/api/docs
    Stop with Ctrl-C.
  `);

  // Ctrl-C in a terminal reaches wrangler directly (same process group); signals sent to this
  // process alone (kill, a process manager) are passed on so wrangler never outlives it.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => server.stop(signal));
  const { code, signal } = await server.exited;
  process.exit(code ?? (signal ? 0 : 1));
});

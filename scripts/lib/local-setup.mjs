// What `npm start` and `npm run serve` do before serving: .dev.vars, D1 migrations, demo data,
// the sample property catalog and the web build, each step timed on the terminal.
import { DEMO, DEMO_PASSWORD } from "./accounts.mjs";
import { localD1 } from "./d1.mjs";
import { ensureDevVars } from "./dev-vars.mjs";
import { seedSampleProperties } from "./property-seeding.mjs";
import { seedWorkspace } from "./seeding.mjs";
import { formatDuration, run } from "./toolchain.mjs";

async function step(title, work) {
  const started = Date.now();
  console.log(`▸ ${title}`);
  const result = await work();
  console.log(`  done in ${formatDuration(Date.now() - started)}`);
  return result;
}

/** Prepares the local state in `persistDir` (undefined: wrangler's default) and builds the web app. */
export async function prepareLocalApp(persistDir) {
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
}

/** The "Homeline is running" banner with the demo logins; `extra` lines go before the stop hint. */
export function runningBanner(url, extra = []) {
  const owner = DEMO.users.find((u) => u.role === "owner");
  const superadmin = DEMO.users.find((u) => u.superadmin);
  const others = DEMO.users.filter((u) => u !== owner && u !== superadmin).map((u) => `${u.email} (${u.role})`);
  return `
    Homeline is running at ${url}

    Demo workspace   ${DEMO.tenant.name}
    Owner login      ${owner.email}  /  ${DEMO_PASSWORD}
    Superadmin login ${superadmin.email}  /  ${DEMO_PASSWORD}
    Also             ${others.join(", ")}, same password

    API docs         ${url}/api/docs
${extra.map((line) => `    ${line}\n`).join("")}    Stop with Ctrl-C.
  `;
}

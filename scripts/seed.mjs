// Seeds the local D1. Demo data (default), used by `npm start`:
//   node scripts/seed.mjs [--persist-to DIR]
// A separate benchmark workspace (bench/run.mjs calls the same code):
//   node scripts/seed.mjs --bench [--leads 100000] [--persist-to DIR]
// Re-running never duplicates: a workspace that already exists is left as it is.
import { parseArgs } from "node:util";
import { BENCH, DEMO } from "./lib/accounts.mjs";
import { localD1 } from "./lib/d1.mjs";
import { seedWorkspace } from "./lib/seeding.mjs";
import { formatDuration, main } from "./lib/toolchain.mjs";

main(async () => {
  const { values } = parseArgs({ options: { bench: { type: "boolean" }, leads: { type: "string" }, "persist-to": { type: "string" } } });
  const spec = values.bench ? BENCH : DEMO;
  const leads = values.leads ? Number(values.leads) : spec.leads;
  if (!Number.isInteger(leads) || leads < 1) throw new Error(`--leads must be a positive whole number, not “${values.leads}”.`);
  const d1 = localD1(values["persist-to"] ?? process.env.PERSIST_DIR);
  await d1.migrate();
  const result = await seedWorkspace(d1, spec, { leads, log: console.log });
  if (result.created) console.log(`Seeded ${result.leads.toLocaleString("en-US")} leads in ${formatDuration(result.ms)}.`);
  else console.log(`“${spec.tenant.name}” already exists with ${result.leads.toLocaleString("en-US")} leads; nothing written.`);
});

// npm test: every check, cheapest first, stopping at the first failure. Each step is an npm
// script, so it can also be run on its own.
import { formatDuration, run } from "./lib/toolchain.mjs";

const STEPS = [
  { name: "lint", script: "lint", what: "biome: formatter and linter" },
  { name: "typecheck", script: "typecheck", what: "tsc + svelte-check" },
  { name: "unit", script: "test:unit", what: "vitest in workerd: pure modules (*.unit.test.ts)" },
  { name: "integration", script: "test:integration", what: "vitest in workerd: handlers, objects, queue, fakes" },
  { name: "web build", script: "build:web", what: "SvelteKit static build" },
  { name: "serve", script: "test:serve", what: "npm run serve answers: health, demo login, log file" },
  { name: "e2e", script: "test:e2e", what: "browser tests against wrangler dev" },
  { name: "crash drill", script: "test:drill", what: "npm start killed mid-load and restarted: nothing lost or doubled" },
  { name: "bundle", script: "deploy:dry-run", what: "wrangler deploy --dry-run, size limit" },
];

const results = [];
let failure;
for (const step of STEPS) {
  if (failure) {
    results.push({ step, status: "skipped" });
    continue;
  }
  console.log(`\n━━ ${step.name}: npm run ${step.script} (${step.what})`);
  const started = Date.now();
  try {
    await run("npm", ["run", "--silent", step.script]);
    results.push({ step, status: "passed", ms: Date.now() - started });
  } catch {
    failure = step;
    results.push({ step, status: "FAILED", ms: Date.now() - started });
  }
}

console.log("\n━━ summary");
for (const { step, status, ms } of results)
  console.log(`${status.padEnd(8)} ${step.name.padEnd(11)} ${ms === undefined ? "" : formatDuration(ms)}`);
if (failure) {
  console.error(`\n✖ npm test failed at “${failure.name}”. Re-run just that step with: npm run ${failure.script}`);
  process.exit(1);
}
console.log("\n✔ all checks passed");

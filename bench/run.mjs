// npm run bench: API benchmarks on 100,000 leads against a `wrangler dev` of its own, with its
// own local state (PERSIST_DIR, default .wrangler/bench-state; seeded once, then reused) on a
// free port (or PORT). Writes bench/results/<name>.json and prints a markdown table.
// Benchmarks are not tests: a missed target is reported, not failed; only a broken run exits 1.
import { randomBytes } from "node:crypto";
import { openSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { BENCH, BENCH_CONVERSATIONS, DEMO_PASSWORD } from "../scripts/lib/accounts.mjs";
import { localD1 } from "../scripts/lib/d1.mjs";
import { startDevServer } from "../scripts/lib/dev-server.mjs";
import { literal } from "../scripts/lib/seed-sql.mjs";
import { seedWorkspace } from "../scripts/lib/seeding.mjs";
import { formatDuration, main, ROOT } from "../scripts/lib/toolchain.mjs";
import { snapshotApp } from "./app-snapshot.mjs";
import { machineInfo, markdownTable, writeResult } from "./report.mjs";
import { csvExport, leadGet, leadList } from "./scenarios.mjs";
import { scanD1Estimate, scanEndToEnd, scanPostgis, seedBenchProperties } from "./scans.mjs";
import { walletDebits, walletFanout } from "./wallet.mjs";
import { whatsappReplyLatency, whatsappWebhooks } from "./whatsapp.mjs";
import { voiceConcurrency, voiceToVoice } from "./voice.mjs";
import { NETWORKS } from "../scripts/lib/network.mjs";

const SAMPLE_IDS = 5000;
// Request logging goes through wrangler's Node process and would be measured along with the
// Worker; the JWT secret is a throwaway, so the bench needs no .dev.vars.
// The WhatsApp app secret is a throwaway too: the WhatsApp benchmarks sign their webhooks with it.
const WHATSAPP_APP_SECRET = randomBytes(32).toString("base64url");
const SERVER_ARGS = [
  "--log-level",
  "warn",
  "--var",
  `JWT_SECRET:${randomBytes(32).toString("base64url")}`,
  "--var",
  `WHATSAPP_APP_SECRET:${WHATSAPP_APP_SECRET}`,
];

// Every scenario, in order. The voice ones bring their own rig (fakes + a dedicated wrangler dev),
// so they run after the shared server has stopped: an idle server still costs this machine CPU.
const SCENARIOS = [
  leadList,
  leadGet,
  csvExport,
  walletDebits,
  walletFanout,
  whatsappReplyLatency,
  whatsappWebhooks,
  scanPostgis,
  scanD1Estimate,
  scanEndToEnd,
  voiceToVoice,
  voiceConcurrency,
];
const OWN_RIG = new Set([voiceToVoice, voiceConcurrency]);

main(async () => {
  // `npm run bench -- walletDebits walletFanout` runs only the named scenarios.
  const only = process.argv.slice(2);
  const selected = SCENARIOS.filter((s) => !only.length || only.includes(s.name));
  const results = [];
  const shared = selected.filter((s) => !OWN_RIG.has(s));
  if (shared.length) results.push(...(await withSharedServer((context) => runScenarios(shared, context))));
  results.push(
    ...(await runScenarios(
      selected.filter((s) => OWN_RIG.has(s)),
      {},
    )),
  );
  console.log(`\n${markdownTable(results)}\n`);
});

async function runScenarios(scenarios, context) {
  const results = [];
  for (const scenario of scenarios) {
    console.log(`▸ ${scenario.name}`);
    const machine = machineInfo();
    const result = {
      ...(await scenario(context)),
      date: new Date().toISOString(),
      machine,
      server: "wrangler dev --log-level warn, local D1",
    };
    console.log(`  ${result.summary} — target ${result.target.description}: ${result.met ? "met" : "NOT met"}`);
    console.log(`  → ${writeResult(result)}`);
    results.push(result);
  }
  return results;
}

/** The bench workspace (100,000 leads, the conversations workspace, 100,000 properties) served by one wrangler dev. */
async function withSharedServer(run) {
  const persistDir = process.env.PERSIST_DIR || join(ROOT, ".wrangler", "bench-state");
  const port = Number(process.env.PORT) || (await freePort());
  const inspectorPort = await freePort();
  const d1 = localD1(persistDir);

  console.log(`▸ Bench data in ${persistDir}`);
  await d1.migrate();
  const seeded = await seedWorkspace(d1, BENCH, { log: (line) => console.log(`  ${line}`) });
  if (seeded.leads !== BENCH.leads)
    throw new Error(
      `The bench workspace in ${persistDir} has ${seeded.leads} leads, not ${BENCH.leads} (an interrupted seed?). Delete that directory and run again.`,
    );
  console.log(
    seeded.created ? `  seeded in ${formatDuration(seeded.ms)}` : `  reusing ${BENCH.leads.toLocaleString("en-US")} seeded leads`,
  );
  await seedWorkspace(d1, BENCH_CONVERSATIONS, { log: (line) => console.log(`  ${line}`) });
  await seedBenchProperties(d1, (line) => console.log(`  ${line}`));
  // Read before the server starts, so only one workerd ever opens the database.
  const leadIds = (
    await d1.query(`SELECT id FROM leads WHERE tenant_id = ${literal(seeded.tenantId)} ORDER BY random() LIMIT ${SAMPLE_IDS}`)
  ).map((r) => r.id);

  const logFile = join(persistDir, "wrangler-dev.log");
  console.log(`▸ wrangler dev on port ${port} (log: ${logFile})`);
  const log = openSync(logFile, "w");
  const app = snapshotApp();
  const server = await startDevServer({
    port,
    persistDir,
    cwd: app.dir,
    stdio: ["ignore", log, log],
    args: [...SERVER_ARGS, "--inspector-port", String(inspectorPort)],
  }).catch((err) => {
    app.remove();
    throw new Error(`${err.message} See ${logFile}.`);
  });
  try {
    const token = await login(server.url);
    return await run({
      url: server.url,
      token,
      leads: BENCH.leads,
      leadIds,
      serverPid: server.child.pid,
      inspectorPort,
      whatsapp: {
        secret: WHATSAPP_APP_SECRET,
        token: await login(server.url, BENCH_CONVERSATIONS),
        ...NETWORKS[BENCH_CONVERSATIONS.tenant.slug].whatsapp,
      },
    });
  } finally {
    await server.stop();
    app.remove();
  }
}

/** One login for the whole run: login is rate limited to 10 a minute per address and account. */
async function login(url, spec = BENCH) {
  const owner = spec.users.find((u) => u.role === "owner");
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: owner.email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`Login failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return (await response.json()).accessToken;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

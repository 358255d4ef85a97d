// npm run bench: benchmarks on the runtime `npm run serve` runs (workerd through Miniflare, no
// development proxy), beside two baselines measured in the same run on the same runtime (a
// hello-world Worker, and the same writing one JSON log line per request) and the seeds' fast
// path as a peer (FastAPI + uvicorn + Redis). The API scenarios use 100,000 leads in their own
// state (PERSIST_DIR, default .wrangler/bench-state; seeded once, then reused) served by one
// `npm run serve` on a free port (or PORT). Each result gets its requests/s as a ratio to the
// baselines and the peer, and CPU ms per request from /proc. Writes bench/results/<name>.json
// and prints a markdown table. Benchmarks are not tests: a missed target is reported, not
// failed; only a broken run exits 1.
import { randomBytes } from "node:crypto";
import { openSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { BENCH, BENCH_CONVERSATIONS, DEMO_PASSWORD } from "../scripts/lib/accounts.mjs";
import { localD1 } from "../scripts/lib/d1.mjs";
import { freePort, startServe } from "../scripts/lib/dev-server.mjs";
import { NETWORKS } from "../scripts/lib/network.mjs";
import { workerdPids } from "../scripts/lib/processes.mjs";
import { literal } from "../scripts/lib/seed-sql.mjs";
import { seedWorkspace } from "../scripts/lib/seeding.mjs";
import { formatDuration, main, ROOT } from "../scripts/lib/toolchain.mjs";
import { healthLive, helloWorld, loggingHelloWorld } from "./baselines.mjs";
import { applyRatios, machineInfo, markdownTable, writeResult } from "./report.mjs";
import { csvExport, leadGet, leadList } from "./scenarios.mjs";
import { scanD1Estimate, scanEndToEnd, scanPostgis, seedBenchProperties } from "./scans.mjs";
import { walletDebits, walletFanout } from "./wallet.mjs";
import { whatsappPeer, whatsappReplyLatency, whatsappWebhooks } from "./whatsapp.mjs";
import { voiceConcurrency, voiceToVoice } from "./voice.mjs";
import { addressUnderstanding } from "./addresses.mjs";
import { notificationFanout } from "./alerts.mjs";

const SAMPLE_IDS = 5000;
// Throwaway secrets, so the bench needs no .dev.vars; the WhatsApp benchmarks sign with this one.
const WHATSAPP_APP_SECRET = randomBytes(32).toString("base64url");
const SERVER_VARS = { JWT_SECRET: randomBytes(32).toString("base64url"), WHATSAPP_APP_SECRET };

// Every scenario, in order. The baselines and the peer run before the shared server starts and
// the voice ones (their own rig) after it stops: an idle server still costs this machine CPU.
const BEFORE_SERVER = [helloWorld, loggingHelloWorld, whatsappPeer];
// The webhook load comes late: its messages are processed after it, and the run waits for that.
const ON_SERVER = [
  healthLive,
  leadList,
  leadGet,
  csvExport,
  walletDebits,
  walletFanout,
  whatsappReplyLatency,
  whatsappWebhooks,
  notificationFanout,
  scanPostgis,
  scanD1Estimate,
  scanEndToEnd,
];
// Address understanding runs in this process, on one core, with no server to compete with.
const AFTER_SERVER = [voiceToVoice, voiceConcurrency, addressUnderstanding];
const SERVER = "npm run serve (workerd through Miniflare, no dev proxy), local D1, logs batched to a file";

main(async () => {
  // `npm run bench -- walletDebits walletFanout` runs only the named scenarios.
  const only = process.argv.slice(2);
  const pick = (group) => group.filter((s) => !only.length || only.includes(s.name));
  const persistDir = process.env.PERSIST_DIR || join(ROOT, ".wrangler", "bench-state");
  const standalone = { logDir: persistDir, whatsapp: NETWORKS[BENCH_CONVERSATIONS.tenant.slug].whatsapp };
  const results = [];
  results.push(...(await runScenarios(pick(BEFORE_SERVER), standalone)));
  if (pick(ON_SERVER).length) results.push(...(await withSharedServer(persistDir, (context) => runScenarios(pick(ON_SERVER), context))));
  results.push(...(await runScenarios(pick(AFTER_SERVER), {})));
  for (const result of applyRatios(results)) writeResult(result); // again, with the ratios of the whole run
  console.log(`\n${markdownTable(results)}\n`);
});

async function runScenarios(scenarios, context) {
  const results = [];
  for (const scenario of scenarios) {
    console.log(`▸ ${scenario.name} (load average ${loadavg()[0].toFixed(2)})`);
    const machine = machineInfo();
    const outcome = await scenario(context);
    if (outcome.skipped) {
      console.log(`  skipped: ${outcome.skipped}`);
      continue;
    }
    const result = { ...outcome, date: new Date().toISOString(), machine, server: SERVER };
    console.log(`  ${result.summary}\n  → ${writeResult(result)}`);
    results.push(result);
  }
  return results;
}

/** The bench workspace (100,000 leads, the conversations workspace, 100,000 properties) served by one `npm run serve`. */
async function withSharedServer(persistDir, run) {
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

  const out = join(persistDir, "serve.out");
  const logFile = join(persistDir, "serve.log");
  console.log(`▸ npm run serve on port ${port} (request log: ${logFile}; output: ${out})`);
  const output = openSync(out, "w");
  const server = await startServe({ port, persistDir, logFile, vars: SERVER_VARS, inspectorPort, stdio: ["ignore", output, output] }).catch(
    (err) => {
      throw new Error(`${err.message} See ${out}.`);
    },
  );
  try {
    const token = await login(server.url);
    return await run({
      url: server.url,
      token,
      leads: BENCH.leads,
      leadIds,
      serverPid: server.child.pid,
      processes: { workerd: workerdPids(server.child.pid), "log writer (node)": [server.child.pid] },
      inspectorPort,
      whatsapp: {
        secret: WHATSAPP_APP_SECRET,
        token: await login(server.url, BENCH_CONVERSATIONS),
        ...NETWORKS[BENCH_CONVERSATIONS.tenant.slug].whatsapp,
      },
    });
  } finally {
    await server.stop();
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

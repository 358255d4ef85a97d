// npm run test:drill — the fault drill: `npm start`'s whole process group is killed (SIGKILL) in the
// middle of a load of signed WhatsApp webhooks, started again on the same state, and sent the rest
// (what was not acknowledged is sent again, as Meta retries). Within RECOVERY_BOUND_MS of the restart
// everything acknowledged before the kill must be processed and answered (GET /api/v1/admin/pending
// at zero); at the end D1 must show every acknowledged message processed exactly once and every reply
// sent exactly once. Own state in a temporary directory; PORT picks the port (default: a free one).
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, openSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localD1 } from "./lib/d1.mjs";
import { ensureDevVars, readDevVars } from "./lib/dev-vars.mjs";
import { freePort } from "./lib/dev-server.mjs";
import { ROOT, formatDuration, main, run, toolEnv } from "./lib/toolchain.mjs";
import { metaTextWebhook } from "../workers/conversations/webhook-payloads.ts";

/** The README's promise: nothing acknowledged waits longer than this after a restart. */
const RECOVERY_BOUND_MS = 60_000;
const CONTACTS = 24;
const MESSAGES_PER_CONTACT = 5;
const KILL_AFTER_ACKS = 45;
const SENDERS = 8;
const STARTUP_TIMEOUT_MS = 180_000;
// The load after the restart is ordinary traffic; this only stops a hung drill.
const SETTLE_TIMEOUT_MS = 180_000;
const TEXTS = [
  "Hi, my roof is leaking over the kitchen",
  "The address is 12 Oak St, Austin 78704",
  "My name is Sam",
  "Any time tomorrow works",
  "Thanks!",
];

main(async () => {
  const started = Date.now();
  ensureDevVars();
  const { WHATSAPP_APP_SECRET: secret, OPS_TOKEN: opsToken } = readDevVars();
  const stateDir = await mkdtemp(join(tmpdir(), "homeline-drill-"));
  const port = Number(process.env.PORT) || (await freePort());
  const url = `http://localhost:${port}`;
  const d1 = localD1(stateDir);
  const pending = () => pendingWork(url, opsToken);
  let server;
  try {
    if (!existsSync(join(ROOT, "web/build/index.html"))) await run("npm", ["run", "--silent", "build:web"], { capture: true });
    await d1.migrate();
    console.log(`  own state migrated in ${formatDuration(Date.now() - started)}`);
    server = await startServer(stateDir, port, "first");
    const phoneNumberId = `1${Date.now()}`.slice(0, 15);
    await createWorkspace(url, phoneNumberId);

    const messages = load(phoneNumberId, secret);
    const acked = new Set();
    const first = await sendAll(url, messages, acked, () => {
      if (acked.size < KILL_AFTER_ACKS) return false;
      server.kill();
      return true;
    });
    server.kill(); // in case the load ended (every sender failing) before the kill point
    await server.exited;
    console.log(`  killed npm start (SIGKILL to its process group) after ${acked.size} acknowledgements; ${first.failed} requests cut off`);

    server = await startServer(stateDir, port, "second");
    const recoveredIn = await waitForNothingPending(pending, RECOVERY_BOUND_MS);
    console.log(`  everything acknowledged before the kill processed and answered ${formatDuration(recoveredIn)} after the restart`);

    const rest = messages.filter((m) => !acked.has(m));
    const second = await sendAll(url, rest, acked, () => false, 3);
    if (second.failed) throw new Error(`${second.failed} webhooks failed after the restart.`);
    const settledIn = await waitForNothingPending(pending, SETTLE_TIMEOUT_MS);
    console.log(`  the other ${rest.length} webhooks sent (unacknowledged ones again) and settled in ${formatDuration(settledIn)}`);

    await verify(d1, messages, acked, server.cutOff);
    console.log(`✔ crash drill passed in ${formatDuration(Date.now() - started)}`);
  } finally {
    await server?.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
});

/** `npm start` (setup skipped: the state is prepared here) in its own process group, local providers forced. */
async function startServer(stateDir, port, label) {
  const log = openSync(join(stateDir, `start-${label}.log`), "w");
  const child = spawn(
    "node",
    [
      "scripts/start.mjs",
      "--port",
      String(port),
      "--no-setup",
      ...["WHATSAPP_ACCESS_TOKEN:", "ANTHROPIC_API_KEY:"].flatMap((v) => ["--var", v]),
    ],
    { cwd: ROOT, env: toolEnv({ PERSIST_DIR: stateDir }), stdio: ["ignore", log, log], detached: true },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const group = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const server = { exited, kill: () => group("SIGKILL"), stop: () => (group("SIGTERM"), exited) };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  // The banner is printed once the server answers and the recovery has run.
  while (!readFileSync(join(stateDir, `start-${label}.log`), "utf8").includes("Stop with Ctrl-C")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      group("SIGKILL");
      const tail = readFileSync(join(stateDir, `start-${label}.log`), "utf8")
        .split("\n")
        .slice(-20)
        .join("\n");
      throw new Error(`npm start (${label}) did not come up:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const recovery = readFileSync(join(stateDir, `start-${label}.log`), "utf8").match(/After the start\s+(.*)/)?.[1] ?? "";
  console.log(
    `  npm start (${label}) ready in ${formatDuration(Date.now() - deadline + STARTUP_TIMEOUT_MS)}; after the start: ${recovery}`,
  );
  return { ...server, cutOff: Number(recovery.match(/(\d+) cut off mid-send/)?.[1] ?? 0) };
}

async function createWorkspace(url, phoneNumberId) {
  const email = `drill-${randomUUID()}@example.com`;
  const signup = await fetch(`${url}/api/v1/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ companyName: "Drill Roofing", name: "Dee Drill", email, password: "correct horse battery staple" }),
  });
  if (signup.status !== 201) throw new Error(`signup failed: HTTP ${signup.status} ${await signup.text()}`);
  const { accessToken } = await signup.json();
  const channel = await fetch(`${url}/api/v1/channels`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ kind: "whatsapp", address: phoneNumberId, displayNumber: "+1 512 555 0190" }),
  });
  if (channel.status !== 201) throw new Error(`channel failed: HTTP ${channel.status} ${await channel.text()}`);
}

/** Each contact's messages in order; every seventh one delivered twice (Meta delivers at least once). */
function load(phoneNumberId, secret) {
  const messages = [];
  for (let c = 0; c < CONTACTS; c++) {
    const from = `1512777${String(c).padStart(4, "0")}`;
    for (let i = 0; i < MESSAGES_PER_CONTACT; i++) {
      const id = `wamid.drill-${from}-${i}`;
      const body = JSON.stringify(
        metaTextWebhook({ phoneNumberId, displayNumber: "+15125550190", from, name: "Sam", text: TEXTS[i], id, timestamp: Date.now() }),
      );
      const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const message = { id, from, body, signature };
      messages.push(message);
      if (messages.length % 7 === 0) messages.push({ ...message, duplicate: true });
    }
  }
  return messages;
}

/**
 * Sends the contacts' messages from SENDERS concurrent senders, each contact in order, each message
 * up to `tries` times. `acked` gets every message answered 200; `afterAck` returning true stops all
 * senders (the kill).
 */
async function sendAll(url, messages, acked, afterAck, tries = 1) {
  const byContact = Map.groupBy(messages, (m) => m.from);
  const queue = [...byContact.values()];
  let stopped = false;
  let failed = 0;
  const sender = async () => {
    for (let contact = queue.shift(); contact && !stopped; contact = queue.shift()) {
      for (const message of contact) {
        if (stopped) return;
        let ok = false;
        for (let attempt = 0; attempt < tries && !ok; attempt++)
          ok = await fetch(`${url}/webhooks/whatsapp`, {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-Hub-Signature-256": message.signature },
            body: message.body,
            signal: AbortSignal.timeout(60_000),
          }).then(
            (response) => response.ok,
            () => false,
          );
        if (!ok) {
          failed++;
          break; // this contact's later messages wait for the retry, as Meta keeps them in order
        }
        acked.add(message);
        if (afterAck()) stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, sender));
  return { failed };
}

async function pendingWork(url, token) {
  const response = await fetch(`${url}/api/v1/admin/pending`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /api/v1/admin/pending answered HTTP ${response.status}`);
  return response.json();
}

/** Milliseconds until no work is pending; fails past `bound`. */
async function waitForNothingPending(pending, bound) {
  const since = Date.now();
  for (;;) {
    const counts = await pending();
    if (!counts.inboundEvents && !counts.outbox) return Date.now() - since;
    if (Date.now() - since > bound)
      throw new Error(
        `${bound / 1000} s on, ${counts.inboundEvents} webhook events are still unprocessed and ${counts.outbox} messages unsent.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** One D1 read of what the drill left: each message processed once, each reply sent once. */
async function verify(d1, messages, acked, cutOff) {
  const [state] = await d1.query(`SELECT
    (SELECT json_group_array(json_array(provider_message_id, n)) FROM (SELECT provider_message_id, count(*) AS n FROM messages
      WHERE direction = 'in' AND provider_message_id LIKE 'wamid.drill-%' GROUP BY 1)) AS inbound,
    (SELECT json_group_array(json_array(status, attempts)) FROM outbox WHERE idempotency_key LIKE 'reply:wamid.drill-%') AS replies,
    (SELECT count(*) FROM (SELECT outbox_id FROM messages WHERE outbox_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1)) AS shownTwice,
    (SELECT count(*) FROM inbound_events WHERE processed_at IS NULL) AS unprocessed`);
  const processed = new Map(JSON.parse(state.inbound));
  const replies = JSON.parse(state.replies).map(([status, attempts]) => ({ status, attempts }));
  const unique = new Set([...acked].map((m) => m.id));
  const missing = [...unique].filter((id) => !processed.has(id));
  const doubled = [...processed].filter(([, n]) => n > 1).map(([id]) => id);
  const unsent = replies.filter((r) => r.status !== "simulated");
  // A send cut off by the kill has no recorded outcome, so it is attempted once more; any other takes one attempt.
  const retried = replies.filter((r) => r.attempts > 1);
  console.log(
    `  ${messages.length} webhooks (${messages.filter((m) => m.duplicate).length} redeliveries): ${unique.size} unique messages acknowledged, ` +
      `${processed.size} processed, ${replies.length} replies sent (${retried.length} after a send cut off by the kill)`,
  );
  const problems = [
    missing.length && `${missing.length} acknowledged messages never processed (${missing.slice(0, 3).join(", ")})`,
    doubled.length && `${doubled.length} messages processed twice (${doubled.slice(0, 3).join(", ")})`,
    state.unprocessed && `${state.unprocessed} webhook events left unprocessed`,
    !replies.length && "no reply at all",
    unsent.length && `${unsent.length} replies not sent (${unsent.map((r) => r.status).join(", ")})`,
    (retried.length > cutOff || retried.some((r) => r.attempts > 2)) &&
      `${retried.length} replies attempted more than once, but only ${cutOff} sends were cut off by the kill`,
    state.shownTwice && `${state.shownTwice} replies shown twice in their conversation`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`The crash drill failed:\n  ${problems.join("\n  ")}`);
}

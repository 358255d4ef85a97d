#!/usr/bin/env node
// Browser end-to-end test of the web app against a fresh local Worker (wrangler dev, own D1 state).
// Usage: node scripts/e2e.mjs   (needs web/build: `npm run build:web`; Chromium at CHROMIUM_PATH or /usr/bin/chromium)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const WRANGLER = join(ROOT, "node_modules", ".bin", "wrangler");
const TIMEOUT_MS = 15_000;

const LEADS = [
  { name: "Rosa Delgado", phone: "+1 512 555 0142", email: "rosa.delgado@example.com", trade: "roofing", description: "Water pouring through the bedroom ceiling since the storm, roof leak, need someone today" },
  { name: "Marcus Bell", phone: "+1 512 555 0177", email: "marcus.bell@example.com", trade: "plumbing", description: "Kitchen sink drains slowly, would like a quote" },
  { name: "Ingrid Olsen", phone: "+1 512 555 0199", email: "ingrid.olsen@example.com", trade: "electrical", description: "Garage outlet sparking when the heater is plugged in" },
];

let passed = 0;
let failed = 0;

async function check(name, fn) {
  const started = Date.now();
  try {
    const note = await fn();
    passed++;
    console.log(`  ok   ${name} (${Date.now() - started} ms)${note ? ` — ${note}` : ""}`);
  } catch (err) {
    failed++;
    console.log(`  FAIL ${name}: ${err instanceof Error ? err.message.split("\n")[0] : err}`);
    throw err;
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function freePort(preferred) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(server.address()?.port ?? port)));
    });
  return (await tryListen(preferred)) ?? (await tryListen(0));
}

function run(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], ...options });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`wrangler ${args.join(" ")} exited ${code}\n${output}`))));
  });
}

/** Starts `wrangler dev` in its own process group so that it and workerd can be stopped together. */
async function startServer(stateDir, port) {
  const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };
  await run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir], { env });
  const vars = [`ENVIRONMENT:development`, `JWT_SECRET:${randomBytes(32).toString("hex")}`, `WEB_ORIGIN:http://localhost:${port}`];
  const child = spawn(WRANGLER, ["dev", "--port", String(port), "--persist-to", stateDir, ...vars.flatMap((v) => ["--var", v])], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://localhost:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${base}/api/health/live`)).ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stopServer(child);
  throw new Error(`wrangler dev did not become live (exit code ${child.exitCode})\n${log}`);
}

async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

async function createLeadThroughForm(page, lead) {
  await page.getByTestId("new-lead").click();
  const dialog = page.getByTestId("new-lead-dialog");
  await dialog.getByTestId("lead-name").fill(lead.name);
  await dialog.getByTestId("lead-phone").fill(lead.phone);
  if (lead.email) await dialog.getByTestId("lead-email").fill(lead.email);
  if (lead.trade) await dialog.getByTestId("lead-trade").selectOption(lead.trade);
  if (lead.description) await dialog.getByTestId("lead-description").fill(lead.description);
  await dialog.getByTestId("lead-submit").click();
}

const rowFor = (page, name) => page.getByTestId("lead-row").filter({ hasText: name });

async function flow(page, base) {
  const email = `e2e-${Date.now()}-${randomBytes(3).toString("hex")}@example.com`;

  await check("sign up lands on the dashboard", async () => {
    await page.goto(`${base}/signup`);
    await page.getByTestId("signup-company").fill("E2E Roofing & Plumbing");
    await page.getByTestId("signup-name").fill("Erin Tester");
    await page.getByTestId("signup-email").fill(email);
    await page.getByTestId("signup-password").fill("a-long-test-password");
    await page.getByTestId("signup-submit").click();
    await page.waitForURL(`${base}/dashboard`);
    await page.getByTestId("dashboard-title").waitFor();
    return email;
  });

  await check("live activity feed connects", async () => {
    await page.getByTestId("feed-state").filter({ hasText: "Live" }).waitFor();
  });

  let feedLatencyMs = 0;
  await check("create 3 leads through the New lead form", async () => {
    for (const lead of LEADS) {
      await createLeadThroughForm(page, lead);
      await page.getByTestId("new-lead-dialog").waitFor({ state: "hidden" });
      const shownAt = Date.now();
      await page.getByTestId("activity-item").filter({ hasText: lead.name }).first().waitFor({ timeout: 5000 });
      feedLatencyMs = Math.max(feedLatencyMs, Date.now() - shownAt);
    }
    await page.getByTestId("stat-total").filter({ hasText: /^3$/ }).waitFor();
    return "dashboard total is 3";
  });

  await check("each new lead appears in the live activity feed", async () => {
    const items = await page.getByTestId("activity-item").allInnerTexts();
    for (const lead of LEADS) assert(items.some((text) => text.includes(lead.name)), `no feed item for ${lead.name}: ${JSON.stringify(items)}`);
    return `slowest arrival after the dialog closed: ${feedLatencyMs} ms`;
  });

  await check("an invalid phone shows the API's error message", async () => {
    await createLeadThroughForm(page, { name: "Bad Number", phone: "12345" });
    const dialog = page.getByTestId("new-lead-dialog");
    const alert = dialog.getByTestId("lead-form-error");
    await alert.waitFor();
    const text = await alert.innerText();
    assert(/not a valid phone number/i.test(text), `unexpected error text: ${text}`);
    const fieldError = await dialog.getByTestId("field-error").first().innerText();
    assert(/invalid phone/i.test(fieldError), `no field error next to the phone input: ${fieldError}`);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    return text.trim();
  });

  await check("leads page lists the 3 leads", async () => {
    await page.getByTestId("nav-leads").click();
    await page.waitForURL(`${base}/leads`);
    await page.getByTestId("lead-total").filter({ hasText: "3 leads" }).waitFor();
    assert((await page.getByTestId("lead-row").count()) === 3, "expected 3 rows");
  });

  await check("search finds the right lead", async () => {
    await page.getByTestId("lead-search").fill("Ingrid");
    await page.waitForURL(/[?&]q=Ingrid/);
    await page.getByTestId("lead-total").filter({ hasText: /^1 lead$/ }).waitFor();
    const rows = await page.getByTestId("lead-row").allInnerTexts();
    assert(rows.length === 1 && rows[0].includes("Ingrid Olsen"), `search rows: ${JSON.stringify(rows)}`);
    await page.getByTestId("lead-search").fill("");
    await page.getByTestId("lead-total").filter({ hasText: "3 leads" }).waitFor();
  });

  await check("bulk set status of two selected rows to contacted", async () => {
    for (const name of ["Rosa Delgado", "Marcus Bell"]) await rowFor(page, name).getByTestId("row-check").check();
    await page.getByTestId("selected-count").filter({ hasText: "2 leads selected" }).waitFor();
    await page.getByTestId("bulk-action").selectOption("status");
    await page.getByTestId("bulk-status").selectOption("contacted");
    await page.getByTestId("bulk-apply").click();
    await page.getByTestId("bulk-bar").waitFor({ state: "hidden" });
    for (const name of ["Rosa Delgado", "Marcus Bell"]) await rowFor(page, name).getByTestId("status-badge").filter({ hasText: "Contacted" }).waitFor();
    const other = await rowFor(page, "Ingrid Olsen").getByTestId("status-badge").innerText();
    assert(other.trim() === "New", `Ingrid Olsen should still be New, is ${other}`);
  });

  await check("CSV export contains the leads", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    const csv = await readFile(await download.path(), "utf8");
    const lines = csv.trim().split(/\r?\n/);
    assert(lines[0].startsWith("id,name,phone,email"), `unexpected header: ${lines[0]}`);
    assert(lines.length === 4, `expected header + 3 rows, got ${lines.length} lines`);
    for (const lead of LEADS) assert(csv.includes(lead.name), `${lead.name} missing from the CSV`);
    assert(lines.filter((l) => l.includes(",contacted,")).length === 2, "the CSV should show 2 contacted leads");
    return `${download.suggestedFilename()}, ${lines.length - 1} rows`;
  });

  await check("lead detail shows score factors and timeline", async () => {
    await rowFor(page, "Rosa Delgado").getByTestId("lead-link").click();
    await page.waitForURL(/\/leads\/lead_/);
    await page.getByTestId("lead-title").filter({ hasText: "Rosa Delgado" }).waitFor();
    const factors = await page.getByTestId("score-factor").allInnerTexts();
    assert(factors.length >= 5, `only ${factors.length} score factors`);
    assert(factors.some((f) => /Urgent job\s+20\/20/.test(f)), `urgency factor not scored: ${JSON.stringify(factors)}`);
    await page.getByTestId("timeline-event").nth(1).waitFor();
    const timeline = await page.getByTestId("timeline").innerText();
    assert(/Status\s+New\s+→\s+Contacted/.test(timeline), `timeline lacks the status change: ${timeline}`);
    assert(timeline.includes("Created"), "timeline lacks the creation event");
    return `${factors.length} factors, score ${(await page.getByTestId("lead-score").innerText()).replace(/\s+/g, "")}`;
  });

  await check("reload restores the session from the refresh cookie", async () => {
    await page.reload();
    await page.getByTestId("lead-title").filter({ hasText: "Rosa Delgado" }).waitFor();
  });

  await check("filters in the URL survive a reload", async () => {
    await page.goto(`${base}/leads?status=contacted&sort=name`);
    await page.getByTestId("lead-total").filter({ hasText: /^2 leads$/ }).waitFor();
    const rows = await page.getByTestId("lead-row").allInnerTexts();
    assert(rows[0].includes("Marcus Bell") && rows[1].includes("Rosa Delgado"), `rows: ${JSON.stringify(rows)}`);
  });
}

async function main() {
  if (!existsSync(join(ROOT, "web", "build", "index.html"))) throw new Error("web/build is missing: run `npm run build:web` first.");
  const stateDir = await mkdtemp(join(tmpdir(), "homeline-e2e-"));
  const port = await freePort(Number(process.env.E2E_PORT ?? 8790));
  let server;
  let browser;
  try {
    server = await startServer(stateDir, port);
    console.log(`e2e: server ${server.base} (state ${stateDir})`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = await context.newPage();
    const pageErrors = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    try {
      await flow(page, server.base);
      await check("no uncaught errors in the page", async () => assert(pageErrors.length === 0, pageErrors.join("; ")));
    } catch {
      const shot = join(tmpdir(), `homeline-e2e-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
      console.log(`e2e: screenshot of the failure: ${shot}`);
    }
  } catch (err) {
    failed++;
    console.log(`  FAIL setup: ${err instanceof Error ? err.message : err}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopServer(server?.child);
    await rm(stateDir, { recursive: true, force: true }).catch(() => undefined);
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();

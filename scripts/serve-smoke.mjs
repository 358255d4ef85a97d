// npm run test:serve: `npm run serve` answers. A fresh state (migrated, the demo workspace),
// serve on a free port: /api/health/live, a demo login, its request line in the log file, and
// a clean stop (workerd goes with it).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO, DEMO_PASSWORD } from "./lib/accounts.mjs";
import { localD1 } from "./lib/d1.mjs";
import { freePort, startServe } from "./lib/dev-server.mjs";
import { isRunning, workerdPids } from "./lib/processes.mjs";
import { seedWorkspace } from "./lib/seeding.mjs";
import { main } from "./lib/toolchain.mjs";

let passed = 0;
function check(condition, what) {
  if (!condition) throw new Error(`serve smoke test: ${what}`);
  passed++;
  console.log(`  ok   ${what}`);
}

main(async () => {
  const stateDir = await mkdtemp(join(tmpdir(), "homeline-serve-smoke-"));
  let server;
  try {
    const d1 = localD1(stateDir);
    await d1.migrate();
    await seedWorkspace(d1, DEMO, { leads: 20 });
    const logFile = join(stateDir, "serve.log");
    // Its own JWT secret: a fresh clone has no .dev.vars (npm start and serve's set-up create it).
    const vars = { JWT_SECRET: randomBytes(32).toString("base64url") };
    server = await startServe({ port: await freePort(), persistDir: stateDir, logFile, vars, stdio: ["ignore", "ignore", "inherit"] });

    const live = await fetch(`${server.url}/api/health/live`);
    check(live.status === 200 && (await live.json()).status === "ok", "GET /api/health/live answers 200 ok");

    const owner = DEMO.users.find((u) => u.role === "owner");
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: owner.email, password: DEMO_PASSWORD }),
    });
    const session = await login.json();
    check(login.status === 200 && typeof session.accessToken === "string", `the demo owner (${owner.email}) logs in`);
    const leads = await fetch(`${server.url}/api/v1/leads?limit=5`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
    check(leads.status === 200 && (await leads.json()).items.length === 5, "the demo workspace's leads are served from the seeded D1");

    const workerd = workerdPids(server.child.pid);
    check(workerd.length === 1, `serve runs one workerd (pid ${workerd.join(", ")})`);
    const { code, signal } = await server.stop();
    for (let waited = 0; workerd.some(isRunning) && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    check(code === 143 && !workerd.some(isRunning), `serve stops on SIGTERM, workerd with it (exit ${code ?? signal})`);
    server = undefined;
    const lines = existsSync(logFile)
      ? readFileSync(logFile, "utf8")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line))
      : [];
    check(
      lines.some((line) => line.message === "request" && line.route === "/api/v1/auth/login" && line.status === 200),
      "the login's request line is in the log file, one JSON object per line",
    );
    console.log(`${passed} passed, 0 failed`);
  } finally {
    await server?.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
});

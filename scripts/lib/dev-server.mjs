// Local servers as child processes, started, awaited until the Worker answers, stopped:
// `wrangler dev` (npm start's hot-reloading server) and `npm run serve` (workerd, no proxy).
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT, toolEnv } from "./toolchain.mjs";

const READY_TIMEOUT_MS = 120_000;

/**
 * Starts `wrangler dev` on `port` with local state in `persistDir` (undefined: wrangler's
 * default, .wrangler/state) for the project in `cwd`. `stdio` is passed to spawn: "inherit"
 * for npm start, a log file's descriptors for benchmarks. Resolves once /api/health/live answers.
 */
export function startDevServer({ port, persistDir, cwd = ROOT, stdio = "inherit", args = [] }) {
  const url = `http://localhost:${port}`;
  // WEB_ORIGIN must be the address the app is really served from, which moves with the port.
  const command = [
    "dev",
    "--port",
    String(port),
    "--var",
    `WEB_ORIGIN:${url}`,
    ...(persistDir ? ["--persist-to", persistDir] : []),
    ...args,
  ];
  return startChild("wrangler dev", url, spawn("wrangler", command, { cwd, env: toolEnv(), stdio }));
}

/**
 * Starts `npm run serve` (scripts/serve.mjs) without its set-up steps, on state that is prepared
 * already: `vars` become --var, request logs go to `logFile`, `inspectorPort` opens workerd's
 * inspector. Resolves once /api/health/live answers; `child.pid` is serve's Node process, whose
 * child is workerd.
 */
export function startServe({ port, persistDir, logFile, vars = {}, inspectorPort, stdio = "inherit" }) {
  const url = `http://127.0.0.1:${port}`; // serve listens on IPv4 loopback; "localhost" may resolve to ::1 first
  const args = [
    join(ROOT, "scripts", "serve.mjs"),
    "--no-setup",
    "--port",
    String(port),
    ...(persistDir ? ["--persist-to", persistDir] : []),
    ...(logFile ? ["--log-file", logFile] : []),
    ...(inspectorPort ? ["--inspector-port", String(inspectorPort)] : []),
    ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ];
  return startChild("npm run serve", url, spawn(process.execPath, args, { cwd: ROOT, env: toolEnv(), stdio }));
}

async function startChild(name, url, child) {
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const stop = async (signal = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  try {
    await Promise.race([
      waitForHealth(url),
      exited.then(({ code, signal }) =>
        Promise.reject(new Error(`${name} exited (${signal ?? `exit ${code}`}) before the Worker answered.`)),
      ),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, child, exited, stop };
}

async function waitForHealth(url) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/api/health/live`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The Worker did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
}

/** A loopback port nobody is listening on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

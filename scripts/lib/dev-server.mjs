// `wrangler dev` as a child process: started, awaited until the Worker answers, stopped.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { ROOT, toolEnv } from "./toolchain.mjs";

const READY_TIMEOUT_MS = 120_000;

/**
 * Starts `wrangler dev` on `port` with local state in `persistDir` (undefined: wrangler's
 * default, .wrangler/state) for the project in `cwd`. `stdio` is passed to spawn: "inherit"
 * for npm start, a log file's descriptors for benchmarks. Resolves once /api/health/live answers.
 */
export async function startDevServer({ port, persistDir, cwd = ROOT, stdio = "inherit", args = [] }) {
  const url = `http://localhost:${port}`;
  const child = spawn(
    "wrangler",
    // WEB_ORIGIN must be the address the app is really served from, which moves with the port.
    ["dev", "--port", String(port), "--var", `WEB_ORIGIN:${url}`, ...(persistDir ? ["--persist-to", persistDir] : []), ...args],
    { cwd, env: toolEnv(), stdio },
  );
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const stop = async (signal = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  try {
    await Promise.race([
      waitForHealth(url),
      exited.then(({ code, signal }) =>
        Promise.reject(new Error(`wrangler dev exited (${signal ?? `exit ${code}`}) before the Worker answered.`)),
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

// The peer: the seeds' WhatsApp fast path (bench/peer/whatsapp_fastapi.py) on Debian's FastAPI,
// uvicorn and redis-py, against the Redis this machine runs. Installed with apt when missing
// (as root); when that or Redis is not possible the peer is skipped with the reason.
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createConnection } from "node:net";
import { join } from "node:path";
import { ROOT } from "../scripts/lib/toolchain.mjs";

// uvloop and httptools are what uvicorn picks by itself when importable (its fastest set-up).
const PACKAGES = ["python3-fastapi", "python3-uvicorn", "python3-redis", "python3-uvloop", "python3-httptools"];
// Debian's interpreter, the one its packages install into (a pyenv or venv python3 on PATH has none of them).
const PYTHON = "/usr/bin/python3";
const REDIS = { host: process.env.REDIS_HOST || "127.0.0.1", port: Number(process.env.REDIS_PORT) || 6379 };
const READY_TIMEOUT_MS = 30_000;

const importable = () => spawnSync(PYTHON, ["-c", "import fastapi, uvicorn, redis, uvloop, httptools"], { stdio: "ignore" }).status === 0;

/** Installs the peer's packages when missing. Returns undefined when ready, else why it cannot run. */
export async function peerUnavailable() {
  if (!importable()) {
    if (process.getuid?.() !== 0)
      return `${PACKAGES.join(", ")} are not installed and apt-get needs root: apt-get install ${PACKAGES.join(" ")}`;
    console.log(`  installing ${PACKAGES.join(", ")} with apt-get…`);
    const install = () => spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...PACKAGES], { stdio: "ignore" }).status;
    if (install() !== 0) {
      spawnSync("apt-get", ["update"], { stdio: "ignore" });
      if (install() !== 0) return `apt-get could not install ${PACKAGES.join(", ")}`;
    }
    if (!importable())
      return `Debian's python3 cannot import fastapi, uvicorn, redis, uvloop and httptools after installing ${PACKAGES.join(", ")}`;
  }
  if (!(await redisAnswers())) return `no Redis answers PING on ${REDIS.host}:${REDIS.port} (REDIS_HOST / REDIS_PORT)`;
  return undefined;
}

function redisAnswers() {
  return new Promise((resolve) => {
    const socket = createConnection(REDIS, () => socket.write("PING\r\n"));
    socket.setTimeout(2000, () => socket.destroy());
    socket.once("data", (data) => {
      resolve(String(data).startsWith("+PONG"));
      socket.end();
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}

/** Starts uvicorn (one process, like one workerd thread) on `port`; its Redis keys are removed on stop. */
export async function startPeer({ port, secret }) {
  const child = spawn(
    PYTHON,
    [
      "-m",
      "uvicorn",
      "whatsapp_fastapi:app",
      "--app-dir",
      join(ROOT, "bench", "peer"),
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--log-level",
      "warning",
      "--no-access-log",
    ],
    {
      env: {
        ...process.env,
        PEER_SECRET: secret,
        PEER_PREFIX: `homeline-bench:${randomUUID()}`,
        PEER_REDIS_URL: `redis://${REDIS.host}:${REDIS.port}/0`,
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The peer (uvicorn) exited with ${child.exitCode} before it answered.`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`The peer did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid,
    queued: async () => (await (await fetch(`${url}/stats`)).json()).queued,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The Redis server's pid when it runs on this machine (its CPU counts towards the peer's). */
export function redisPid() {
  const found = spawnSync("pidof", ["redis-server"], { encoding: "utf8" });
  const pid = Number(found.stdout?.trim().split(/\s+/)[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

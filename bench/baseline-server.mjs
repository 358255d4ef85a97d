// The benchmark's baselines: a hello-world Worker, or (--logging) the same writing one JSON log
// line per request shaped like Homeline's (workers/http/log.ts via the request-context
// middleware), on the runtime `npm run serve` uses, set up the same way (same compatibility
// date and flags, same batched log file). Run by bench/baselines.mjs as its own process.
import { parseArgs } from "node:util";
import { batchedLogFile, startRuntime } from "../scripts/lib/workerd.mjs";
import { main } from "../scripts/lib/toolchain.mjs";

const HELLO = `export default { fetch: () => new Response("Hello, world!") };`;

const LOGGING_HELLO = `export default {
  fetch(request) {
    const started = performance.now();
    const response = new Response("Hello, world!");
    console.log(JSON.stringify({
      time: new Date().toISOString(),
      level: "info",
      message: "request",
      requestId: crypto.randomUUID(),
      method: request.method,
      route: new URL(request.url).pathname,
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    }));
    return response;
  },
};`;

const { values } = parseArgs({
  options: { port: { type: "string" }, logging: { type: "boolean", default: false }, "log-file": { type: "string" } },
});

main(async () => {
  await startRuntime({
    port: Number(values.port),
    log: batchedLogFile(values["log-file"]),
    worker: {
      name: values.logging ? "logging-hello-world" : "hello-world",
      compatibilityDate: "2026-11-01", // wrangler.toml's
      compatibilityFlags: ["nodejs_compat"],
      modules: true,
      script: values.logging ? LOGGING_HELLO : HELLO,
    },
  });
  console.log(`listening on ${values.port}`);
});

// npm run cron -- "*/10 * * * *"   fires one cron trigger of wrangler.toml now, through the running
// server's scheduled() handler (as Cloudflare would at that minute), and says how it ended.
// --port N (or PORT; default 8787) picks the server; the Worker's log shows what each job did.
import { parseArgs } from "node:util";
import { cronTriggers, fireOverHttp } from "./lib/cron-scheduler.mjs";
import { main } from "./lib/toolchain.mjs";

main(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { port: { type: "string" } } });
  const crons = cronTriggers();
  const list = crons.map((cron) => `  npm run cron -- "${cron}"`).join("\n");
  const cron = positionals.join(" ").trim();
  if (!cron) throw new Error(`Name the cron trigger to fire, one of wrangler.toml's:\n${list}`);
  if (!crons.includes(cron)) throw new Error(`“${cron}” is not a cron trigger in wrangler.toml. Its triggers are:\n${list}`);
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`--port must be a port number such as 8787, not “${values.port}”.`);
  const url = `http://localhost:${port}`;
  const started = Date.now();
  const outcome = await fireOverHttp(url)(cron, started).catch((err) => {
    throw new Error(
      err.cause?.code === "ECONNREFUSED" ? `Nothing answers on ${url}. Is \`npm start\` running (on another --port)?` : err.message,
    );
  });
  console.log(`Fired “${cron}” on ${url}: ${outcome} in ${Date.now() - started} ms (the server's log shows each job's result).`);
});

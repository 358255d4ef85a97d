// What `npm start` and `npm run serve` do once the Worker answers: queue again the work a previous
// run left pending (recovery.mjs), then fire wrangler.toml's cron triggers on their schedules.
import { cronTriggers, startCronScheduler } from "./cron-scheduler.mjs";
import { describeRecovery, recoverLostWork } from "./recovery.mjs";

/**
 * `startedAt`: when the server process was started; `fire(cron, scheduledTime)`: the runtime's
 * scheduled dispatch. Returns the scheduler (stop() it on exit) and the banner's lines about both.
 */
export async function afterStart({ url, port, startedAt, fire, defaultPort }) {
  const crons = cronTriggers();
  // Not fatal: without it the 10-minute cron still finds the pending work, 15 minutes on.
  const recovered = await recoverLostWork(url, startedAt).catch((err) => err);
  const scheduler = startCronScheduler({ crons, fire });
  const width = Math.max(0, ...crons.map((cron) => cron.length));
  const schedules = scheduler
    .upcoming()
    .map(({ cron, at }, i) => `${i ? " ".repeat(21) : ""}${cron.padEnd(width)}  next ${new Date(at).toISOString().slice(11, 16)} UTC`);
  const lines = [
    `Cron triggers    ${schedules.join("\n") || "none in wrangler.toml"}`,
    ...(crons.length ? [`Fire one now     npm run cron -- "${crons[0]}"${port === defaultPort ? "" : ` --port ${port}`}`] : []),
    `After the start  ${recovered instanceof Error ? `✖ ${recovered.message}` : describeRecovery(recovered)}`,
  ];
  return { scheduler, lines };
}

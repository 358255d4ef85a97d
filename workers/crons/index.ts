import type { Env } from "../env";
import { log } from "../http/log";
import { runMaintenance } from "./maintenance";
import { reassignStaleLeads } from "./stale-leads";
import { sendDailyAgendas } from "./daily-agenda";
import { remindPastDueJobs } from "./past-due";
import { requeueStuckInboundEvents } from "./inbound-recovery";
import { requeueStuckStripeEvents } from "../wallet/stripe-events";
import { reconcileWallets } from "../wallet/reconcile";
import { escalateUnopenedHandoffs } from "../notifications/escalate";

type Job = (env: Env, now: number) => Promise<unknown>;

/**
 * Cron expression (as declared in wrangler.toml [triggers]) → the jobs it runs. Each job is
 * idempotent: a trigger that fires twice changes nothing more.
 */
export const SCHEDULE: Record<string, Job[]> = {
  "* * * * *": [escalateUnopenedHandoffs],
  "*/10 * * * *": [runMaintenance, reassignStaleLeads, sendDailyAgendas, requeueStuckInboundEvents, requeueStuckStripeEvents],
  "*/30 * * * *": [remindPastDueJobs],
  "17 * * * *": [reconcileWallets],
};

/** Runs the cron's jobs side by side and logs what each one did (or why it failed). */
export async function runScheduled(cron: string, env: Env, now = Date.now()): Promise<void> {
  const jobs = SCHEDULE[cron];
  if (!jobs) {
    log("warn", "no jobs for cron", { cron });
    return;
  }
  await Promise.all(
    jobs.map(async (job) => {
      const started = Date.now();
      try {
        const result = await job(env, now);
        log("info", "cron job", { cron, job: job.name, ms: Date.now() - started, result });
      } catch (err) {
        log("error", "cron job failed", { cron, job: job.name, ms: Date.now() - started, error: String(err) });
      }
    }),
  );
}

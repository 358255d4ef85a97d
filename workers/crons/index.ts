import type { Env } from "../env";
import { log } from "../http/log";
import { runMaintenance } from "./maintenance";
import { reassignStaleLeads } from "./stale-leads";
import { sendDailyAgendas } from "./daily-agenda";
import { remindPastDueJobs } from "./past-due";
import { requeueStuckInboundEvents } from "./inbound-recovery";
import { requeueStuckStripeEvents } from "../wallet/stripe-events";
import { reconcileWallets } from "../wallet/reconcile";

type Job = (env: Env, now: number) => Promise<unknown>;

/**
 * Cron expression (as declared in wrangler.toml [triggers]) → the jobs it runs. Each job is
 * idempotent: a trigger that fires twice changes nothing more.
 */
export const SCHEDULE: Record<string, Job[]> = {
  "*/10 * * * *": [runMaintenance, reassignStaleLeads, sendDailyAgendas, requeueStuckInboundEvents, requeueStuckStripeEvents],
  "*/30 * * * *": [remindPastDueJobs],
  "17 * * * *": [reconcileWallets],
};

export async function runScheduled(cron: string, env: Env, now = Date.now()): Promise<void> {
  const jobs = SCHEDULE[cron];
  if (!jobs) {
    log("warn", "no jobs for cron", { cron });
    return;
  }
  const results = await Promise.allSettled(jobs.map((job) => job(env, now)));
  results.forEach((result, i) => {
    if (result.status === "rejected") log("error", "cron job failed", { cron, job: jobs[i]!.name, error: String(result.reason) });
  });
}

// Cron triggers for local servers, which never fire them on their own: the schedules are read from
// wrangler.toml [triggers] (the one list Cloudflare also reads) and each fires, in UTC, through a
// `fire(cron, scheduledTime)` the server provides — over HTTP for `wrangler dev` (fireOverHttp),
// or Miniflare's own dispatch for a server built on its API.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "smol-toml";
import { nextFireTime, parseCron } from "../../workers/crons/cron-expression.ts";
import { ROOT } from "./toolchain.mjs";

// Timers are re-armed at least this often, so a suspended laptop or a clock change is noticed.
const MAX_SLEEP_MS = 60_000;

/** The cron expressions of wrangler.toml's [triggers] (validated: a bad one is an error here). */
export function cronTriggers(file = join(ROOT, "wrangler.toml")) {
  const crons = parse(readFileSync(file, "utf8")).triggers?.crons ?? [];
  for (const cron of crons) parseCron(cron);
  return crons;
}

/**
 * Fires each cron on its schedule until stop(). A firing missed while the process was asleep is
 * not caught up (Cloudflare does not either); failures are logged and the schedule goes on.
 * `log(line)` receives one line per firing and its outcome.
 */
export function startCronScheduler({ crons, fire, log = console.log, now = Date.now }) {
  const schedules = crons.map((source) => {
    const cron = parseCron(source);
    return { cron, due: nextFireTime(cron, now()) };
  });
  let timer;
  let stopped = false;

  const fireOne = async (source, scheduledTime) => {
    const started = now();
    try {
      const outcome = await fire(source, scheduledTime);
      log(`⏱ cron ${source} (${new Date(scheduledTime).toISOString()}) → ${outcome ?? "ok"} in ${now() - started} ms`);
    } catch (err) {
      log(`⏱ cron ${source} (${new Date(scheduledTime).toISOString()}) failed: ${err instanceof Error ? err.message : err}`);
    }
  };

  const tick = () => {
    if (stopped) return;
    const t = now();
    for (const schedule of schedules) {
      if (schedule.due > t) continue;
      void fireOne(schedule.cron.source, schedule.due);
      schedule.due = nextFireTime(schedule.cron, t);
    }
    const soonest = Math.min(...schedules.map((s) => s.due));
    timer = setTimeout(tick, Math.max(0, Math.min(MAX_SLEEP_MS, soonest - now())));
    timer.unref?.();
  };
  if (schedules.length) tick();

  return {
    /** The next firing of each cron, soonest first. */
    upcoming: () => schedules.map((s) => ({ cron: s.cron.source, at: s.due })).sort((a, b) => a.at - b.at),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/**
 * fire() for a server running `wrangler dev` (or any Miniflare with trigger handlers): its local
 * endpoint runs the Worker's scheduled() handler, waits for the work it started, and reports.
 */
export function fireOverHttp(baseUrl) {
  return async (cron, scheduledTime = Date.now()) => {
    const query = new URLSearchParams({ cron, time: String(scheduledTime), format: "json" });
    const response = await fetch(`${baseUrl}/cdn-cgi/local/scheduled?${query}`, { signal: AbortSignal.timeout(120_000) });
    const result = await response.json().catch(() => ({ outcome: `HTTP ${response.status}` }));
    if (result.outcome !== "ok") throw new Error(`the scheduled handler ended “${result.outcome}”`);
    return result.outcome;
  };
}

import type { ProProfile } from "../pros/repository";
import { coverage, type JobLocation } from "./areas";

export interface JobToMatch extends JobLocation {
  trade: string;
}

export type Eligibility = { eligible: true; area: string } | { eligible: false; why: string };

/** Trades a job of "other" can go to. */
const GENERALISTS = new Set(["handyman", "other"]);

/** Active, serves the trade and the area, under its active-job cap. (Having a slot is checked by the caller.) */
export function eligibility(profile: ProProfile, job: JobToMatch, activeJobs: number): Eligibility {
  const { pro } = profile;
  if (!pro.active) return { eligible: false, why: "inactive" };
  const trades = new Set(pro.trades);
  if (!trades.has(job.trade) && !(job.trade === "other" && [...trades].some((t) => GENERALISTS.has(t))))
    return { eligible: false, why: `does not do ${job.trade}` };
  const area = coverage(profile.areas, pro, job);
  if (!area) return { eligible: false, why: "outside their area" };
  if (activeJobs >= pro.jobCap) return { eligible: false, why: `at capacity (${activeJobs} of ${pro.jobCap} active jobs)` };
  return { eligible: true, area };
}

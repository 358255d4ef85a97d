import type { Env } from "../env";
import { availableSlots, type Interval } from "../booking/slots";
import { activeJobCounts, busyByPro, loadProfiles, type ProProfile } from "../pros/repository";
import { eligibility, type JobToMatch } from "./eligibility";
import { pickReason, rankCandidates } from "./rank";

const SEARCH_DAYS = 7;
const DAY = 86_400_000;

export type Match = { ok: true; profile: ProProfile; reason: string; slots: Interval[] } | { ok: false; why: string };

/**
 * The best pro for a job in one tenant: eligible (trade, area, under cap) with at least one
 * free slot in the next week, ranked by rankCandidates. `exclude` skips pros already tried.
 */
export async function findPro(
  env: Env,
  tenantId: string,
  job: JobToMatch,
  now: number,
  options: { exclude?: string[]; slotLimit?: number } = {},
): Promise<Match> {
  const profiles = (await loadProfiles(env, tenantId, { activeOnly: true })).filter((p) => !options.exclude?.includes(p.pro.id));
  if (!profiles.length) return { ok: false, why: "no active pros" };
  const [counts, busy] = await Promise.all([
    activeJobCounts(env, tenantId),
    busyByPro(
      env,
      tenantId,
      profiles.map((p) => p.pro.id),
      now,
      now + (SEARCH_DAYS + 1) * DAY,
    ),
  ]);
  const refusals: string[] = [];
  const candidates = [];
  for (const profile of profiles) {
    const activeJobs = counts.get(profile.pro.id) ?? 0;
    const verdict = eligibility(profile, job, activeJobs);
    if (!verdict.eligible) {
      refusals.push(`${profile.pro.name}: ${verdict.why}`);
      continue;
    }
    const slots = availableSlots(profile.schedule, busy.get(profile.pro.id) ?? [], {
      from: now,
      days: SEARCH_DAYS,
      now,
      limit: options.slotLimit ?? 3,
    });
    if (!slots.length) {
      refusals.push(`${profile.pro.name}: no free slot in ${SEARCH_DAYS} days`);
      continue;
    }
    candidates.push({ pro: profile.pro, profile, activeJobs, area: verdict.area, firstSlot: slots[0]!.start, slots });
  }
  const [best, ...rest] = rankCandidates(candidates);
  if (!best) return { ok: false, why: refusals.join("; ") || "no pro serves this job" };
  return { ok: true, profile: best.profile, reason: pickReason(best, job.trade, rest.length, now), slots: best.slots };
}

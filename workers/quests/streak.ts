import { addDays, daysBetween } from "../lib/time";

/** At most one missed day is repaired automatically, and only once in any 7 days. */
export const REPAIR_EVERY_DAYS = 7;

export interface StreakDay {
  day: string;
  streak: number;
  /** The missed day this one bridged, when it did. */
  repaired: string | null;
}

const canRepair = (lastRepair: string | null, missed: string) =>
  lastRepair === null || daysBetween(lastRepair, missed) >= REPAIR_EVERY_DAYS;

/**
 * The streak after each day with a completed quest, in date order. Recomputed from the days
 * themselves, so a late event for an earlier day lands in the right place.
 */
export function streakHistory(completedDays: Iterable<string>): StreakDay[] {
  const days = [...new Set(completedDays)].sort();
  const history: StreakDay[] = [];
  let lastRepair: string | null = null;
  for (const day of days) {
    const previous = history.at(-1);
    const gap = previous ? daysBetween(previous.day, day) : Infinity;
    const missed = addDays(day, -1);
    if (previous && gap === 1) history.push({ day, streak: previous.streak + 1, repaired: null });
    else if (previous && gap === 2 && canRepair(lastRepair, missed)) {
      lastRepair = missed;
      history.push({ day, streak: previous.streak + 1, repaired: missed });
    } else history.push({ day, streak: 1, repaired: null });
  }
  return history;
}

export interface StreakView {
  current: number;
  best: number;
  /** Yesterday was missed but today's quest will repair it. */
  atRisk: boolean;
  /** Whether a missed day would be repaired now. */
  repairAvailable: boolean;
  lastRepair: string | null;
}

export function streakAsOf(completedDays: Iterable<string>, today: string): StreakView {
  const history = streakHistory(completedDays);
  const lastRepair = history.findLast((d) => d.repaired)?.repaired ?? null;
  const best = history.reduce((max, d) => Math.max(max, d.streak), 0);
  const repairAvailable = canRepair(lastRepair, addDays(today, -1));
  const last = history.at(-1);
  if (!last) return { current: 0, best, atRisk: false, repairAvailable, lastRepair };
  const gap = daysBetween(last.day, today);
  if (gap <= 1) return { current: last.streak, best, atRisk: false, repairAvailable, lastRepair };
  const atRisk = gap === 2 && repairAvailable;
  return { current: atRisk ? last.streak : 0, best, atRisk, repairAvailable, lastRepair };
}

import type { ProRow } from "../pros/repository";

export interface Candidate {
  pro: Pick<ProRow, "id" | "name" | "jobCap" | "lastAssignedAt">;
  activeJobs: number;
  area: string;
  firstSlot: number;
}

/**
 * The pick among eligible pros: fewest active jobs first, then the one who has waited longest
 * since an assignment (never assigned counts as longest), then by name for a stable order.
 */
export function rankCandidates<T extends Candidate>(candidates: T[]): T[] {
  return [...candidates].sort(
    (a, b) =>
      a.activeJobs - b.activeJobs ||
      (a.pro.lastAssignedAt ?? -1) - (b.pro.lastAssignedAt ?? -1) ||
      a.pro.name.localeCompare(b.pro.name) ||
      a.pro.id.localeCompare(b.pro.id),
  );
}

/** The reason stored with the assignment and shown in the app. */
export function pickReason(chosen: Candidate, trade: string, others: number, now: number): string {
  const waited = chosen.pro.lastAssignedAt === null ? "never assigned before" : `last assigned ${ago(now - chosen.pro.lastAssignedAt)} ago`;
  const field = others ? `; fewest active jobs among ${others + 1} eligible pros` : "; the only eligible pro";
  return `Serves ${trade}, ${chosen.area}; ${chosen.activeJobs} of ${chosen.pro.jobCap} active jobs; ${waited}${field}.`;
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

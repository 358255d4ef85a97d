import type { JobDetails } from "../../conversation-engine/engine";

/** Why a caller is texted back: turned away (budget, cap), a transfer nobody answered, or a call that ended before a booking. */
export type TextBackReason = "refused" | "unanswered" | "ended_early";

/**
 * Whether an ended call warrants a text: not when it was booked, and not when a person took the
 * transfer; every other way a call ends leaves a customer who wanted something.
 */
export function textBackReason(call: { outcome: string | null; booked: boolean }): TextBackReason | null {
  if (call.booked) return null;
  switch (call.outcome) {
    case "refused_budget":
    case "refused_cap":
      return "refused";
    case "transfer_unanswered":
      return "unanswered";
    case "transferred":
      return null;
    default:
      return "ended_early";
  }
}

const OPENINGS: Record<TextBackReason, string> = {
  refused: "Sorry we couldn't take your call just now.",
  unanswered: "Sorry nobody could pick up just now.",
  ended_early: "Looks like we got cut off.",
};

/** The text itself: who writes, why, and an invitation to carry on here (with what the call already learned). */
export function textBackMessage(reason: TextBackReason, company: string, job: JobDetails = {}): string {
  const about = job.trade && job.trade !== "other" ? ` about your ${job.trade} job` : "";
  const next = about
    ? `Reply here${about} and we'll pick up where we left off.`
    : "What can we help with? Reply here and we'll get you booked.";
  return `Hi, it's ${company}. ${OPENINGS[reason]} ${next}`;
}

import type { Call, CallOutcome } from "../api/types";
import { formatPhone } from "../format";

export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  completed: "Completed",
  transferred: "Transferred",
  transfer_unanswered: "Transfer not answered",
  refused_budget: "Refused: no budget",
  refused_cap: "Refused: lines busy",
  busy: "Busy",
  "no-answer": "No answer",
  failed: "Failed",
  canceled: "Canceled",
};

/** "1:05" for 65 seconds; "—" when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** A transcript time (ms since the call started) as m:ss. */
export const formatOffset = (ms: number) => formatDuration(ms / 1000);

/** A call is named after its caller: the lead's name once known, else the number. */
export const callTitle = (call: Pick<Call, "lead" | "from">) => call.lead?.name ?? formatPhone(call.from);

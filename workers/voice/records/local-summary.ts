import { missingDetails, type EngineState } from "../../conversation-engine/engine";
import type { CallSummarizer, CallSummary, SummaryInput } from "./summary";

/**
 * Qualification points for what the call established (sum 100): the four details a pro needs
 * to be matched carry most, a description helps the pro prepare, and a booked visit is the
 * strongest sign the job is real.
 */
export const QUALIFICATION_POINTS = { trade: 20, address: 20, name: 15, urgency: 15, description: 10, booked: 20 } as const;

const URGENCY = { emergency: "Emergency", soon: "Soon", flexible: "Flexible" } as const;

export function qualificationScore(state: EngineState | null): number {
  if (!state) return 0;
  const missing = new Set(missingDetails(state.job));
  const p = QUALIFICATION_POINTS;
  return (
    (missing.has("trade") ? 0 : p.trade) +
    (missing.has("address") ? 0 : p.address) +
    (missing.has("name") ? 0 : p.name) +
    (missing.has("urgency") ? 0 : p.urgency) +
    (state.job.description ? p.description : 0) +
    (state.stage === "booked" && state.booking ? p.booked : 0)
  );
}

/** The deterministic summariser: sentences from the engine's state, no network. */
export class LocalSummarizer implements CallSummarizer {
  readonly name = "local";

  async summarize({ state, history }: SummaryInput): Promise<CallSummary> {
    return {
      summary: summaryText(
        state,
        history.some((h) => h.role === "customer"),
      ),
      qualificationScore: qualificationScore(state),
      summarizer: this.name,
    };
  }
}

function summaryText(state: EngineState | null, callerSpoke: boolean): string {
  if (!state || (!callerSpoke && !state.job.trade)) return "The caller hung up before describing a job.";
  const { job } = state;
  const place = [job.address, job.city, job.postcode].filter(Boolean).join(", ");
  const what = `${job.urgency ? `${URGENCY[job.urgency]} ` : ""}${job.trade ?? "unspecified"} job`;
  const sentences = [
    `${what[0]!.toUpperCase()}${what.slice(1)}${place ? ` at ${place}` : ""}${job.name ? ` for ${job.name}` : ""}${job.description ? `: ${job.description.replace(/[.!?\s]+$/, "")}` : ""}.`,
  ];
  if (state.stage === "booked" && state.booking) sentences.push(`Booked ${state.booking.label} with ${state.booking.proName}.`);
  else if (state.stage === "handoff") sentences.push("The caller was handed over to a person.");
  else if (state.offered.length) sentences.push("Times were offered but none was booked.");
  else sentences.push("No visit was booked.");
  const missing = missingDetails(job);
  if (missing.length) sentences.push(`Still missing: ${missing.join(", ")}.`);
  return sentences.join(" ");
}

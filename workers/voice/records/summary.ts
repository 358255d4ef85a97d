import type { Env } from "../../env";
import { claudeBreaker, claudeFor, type EngineSettings } from "../../conversation-engine";
import type { EngineState, HistoryEntry } from "../../conversation-engine/engine";
import { log } from "../../http/log";
import { ClaudeSummarizer } from "./claude-summary";
import { LocalSummarizer } from "./local-summary";

export interface SummaryInput {
  tenantName: string;
  /** The conversation, oldest first. */
  history: HistoryEntry[];
  /** What the engine learned; null when the caller hung up before the first turn. */
  state: EngineState | null;
  settings: EngineSettings;
}

/** A post-call summary for the team and how well the job was qualified (0–100). */
export interface CallSummary {
  summary: string;
  qualificationScore: number;
  summarizer: string;
}

export interface CallSummarizer {
  readonly name: string;
  summarize(input: SummaryInput): Promise<CallSummary>;
}

/**
 * The tenant's summariser, chosen like its conversation engine (engineFor): Claude when the
 * workspace uses Claude, with the local summariser answering whenever Claude cannot (the
 * engine's circuit breaker is shared: an outage already seen skips the wait); local otherwise.
 */
export async function summarizerFor(env: Env, tenantId: string): Promise<{ summarizer: CallSummarizer; settings: EngineSettings }> {
  const { client, settings } = await claudeFor(env, tenantId);
  const local = new LocalSummarizer();
  if (!client) return { summarizer: local, settings };
  const claude = new ClaudeSummarizer(client);
  return {
    settings,
    summarizer: {
      name: `${claude.name}+${local.name}`,
      async summarize(input) {
        if (claudeBreaker.isOpen) return local.summarize(input);
        try {
          const result = await claude.summarize(input);
          claudeBreaker.success();
          return result;
        } catch (error) {
          claudeBreaker.failure();
          log("warn", "claude call summary failed; local summary used", { error: error instanceof Error ? error.name : "unknown" });
          return local.summarize(input);
        }
      },
    },
  };
}

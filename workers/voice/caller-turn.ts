import type { Env, WaitUntil } from "../env";
import { engineFor } from "../conversation-engine";
import { aroundTools } from "../conversation-engine/around-tools";
import type { EngineTools, HistoryEntry, TurnResult } from "../conversation-engine/engine";
import { ensureLead, leadAccess } from "../conversations/lead-sync";
import type { ConversationState } from "../conversations/state";
import { conversationTools } from "../conversations/tools";
import { abortable } from "../lib/abortable";

export interface CallerTurn {
  /** Kept current by the tools as they act. */
  state: ConversationState;
  history: HistoryEntry[];
  text: string;
  onText?: (delta: string) => void;
  signal?: AbortSignal;
  /** Nothing is written before this resolves (a speculative turn): not the lead, not any tool's work. */
  commit?: Promise<void>;
  /** Wraps the tools the engine gets; the wrapped calls run once the turn has committed. */
  tools?: (tools: EngineTools) => EngineTools;
  now?: () => number;
}

/**
 * One turn of a call through the same engine and tools as WhatsApp/SMS (the Gather path and
 * the streaming agent both come here): the lead is found or created (source voice) through
 * leadWriter once the turn commits, and the engine answers, acting through the tools.
 */
export async function runCallerTurn(env: Env, ctx: WaitUntil, turn: CallerTurn): Promise<TurnResult> {
  const { state, signal } = turn;
  const [leads, { engine, settings }] = await Promise.all([leadAccess(env, state.tenantId, "voice"), engineFor(env, state.tenantId)]);
  const committed = abortable(turn.commit ?? Promise.resolve(), signal).then(() => ensureLead(env, ctx, leads, state, turn.text));
  committed.catch(() => undefined); // a discarded turn never commits; the engine sees why through its tools
  const own = conversationTools({ env, ctx, state, leads, now: turn.now ?? Date.now });
  // Every tool writes (findAvailableSlots assigns the lead to the pro), so each one waits.
  const tools = aroundTools(turn.tools ? turn.tools(own) : own, async (_name, call) => {
    await committed;
    signal?.throwIfAborted();
    return call();
  });
  try {
    const result = await engine.turn(
      {
        tenantName: leads.tenant.name,
        channel: "voice",
        message: { text: turn.text },
        history: turn.history,
        state,
        settings,
        onText: turn.onText,
        signal,
      },
      tools,
    );
    await committed;
    return result;
  } finally {
    await committed.catch(() => undefined); // even a failed turn leaves state.leadId set when the lead was made
  }
}

import type { Env, WaitUntil } from "../env";
import type { HistoryEntry, TurnResult } from "../conversation-engine/engine";
import { contactPhone } from "../conversations/lead-sync";
import { tenantInfo } from "../team/tenant-info";
import { initialState, type ConversationState } from "../conversations/state";
import { runCallerTurn } from "./caller-turn";
import { spokenReply } from "./speech";

const HISTORY = 20;

export interface CallRow {
  id: string;
  tenantId: string;
  channelId: string;
  fromNumber: string;
  stateJson: string | null;
  historyJson: string;
}

/** The call's engine state, started on the first turn (conversationId = the call id). */
export async function callState(env: Env, call: CallRow): Promise<ConversationState> {
  if (call.stateJson) return JSON.parse(call.stateJson) as ConversationState;
  const { country } = await tenantInfo(env, call.tenantId);
  return initialState({
    conversationId: call.id,
    tenantId: call.tenantId,
    channelId: call.channelId,
    channel: "voice",
    contactAddress: call.fromNumber,
    contactPhone: contactPhone(call.fromNumber, country),
    contactName: null,
  });
}

/**
 * One <Gather> turn: the caller's words through runCallerTurn; the engine's replies are what
 * the next <Say> speaks. State and the last turns are kept on the call row, the lead id even
 * when the engine fails later in the turn.
 */
export async function voiceTurn(
  env: Env,
  ctx: WaitUntil,
  call: CallRow,
  text: string,
  now = Date.now,
): Promise<{ lines: string[]; state: ConversationState }> {
  const state = await callState(env, call);
  const history = JSON.parse(call.historyJson) as HistoryEntry[];
  let result: TurnResult;
  try {
    result = await runCallerTurn(env, ctx, { state, history, text, now });
  } catch (error) {
    await saveCall(env, call, state, history);
    throw error;
  }
  const lines = result.replies.map(spokenReply);
  const next = [
    ...history,
    { role: "customer" as const, text },
    ...lines.map((line) => ({ role: "assistant" as const, text: line })),
  ].slice(-HISTORY);
  await saveCall(env, call, state, next);
  return { lines, state };
}

async function saveCall(env: Env, call: CallRow, state: ConversationState, history: HistoryEntry[]): Promise<void> {
  await env.DB.prepare(`UPDATE calls SET state_json = ?, history_json = ?, lead_id = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`)
    .bind(JSON.stringify(state), JSON.stringify(history), state.leadId, Date.now(), call.id, call.tenantId)
    .run();
}

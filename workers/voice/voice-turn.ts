import type { Env, WaitUntil } from "../env";
import type { HistoryEntry } from "../conversation-engine/engine";
import { engineFor } from "../conversation-engine";
import { contactPhone, ensureLead, leadAccess, tenantInfo } from "../conversations/lead-sync";
import { initialState, type ConversationState } from "../conversations/state";
import { conversationTools } from "../conversations/tools";
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
  return initialState({ conversationId: call.id, tenantId: call.tenantId, channelId: call.channelId, channel: "voice", contactAddress: call.fromNumber, contactPhone: contactPhone(call.fromNumber, country), contactName: null });
}

/**
 * One spoken turn through the same engine and tools as WhatsApp/SMS: the lead is created or
 * updated (source voice) through leadWriter, then the engine answers; its replies are what
 * the next <Say> speaks. State and the last turns are kept on the call row.
 */
export async function voiceTurn(env: Env, ctx: WaitUntil, call: CallRow, text: string, now = Date.now): Promise<{ lines: string[]; state: ConversationState }> {
  const state = await callState(env, call);
  const history = JSON.parse(call.historyJson) as HistoryEntry[];
  const leads = await leadAccess(env, call.tenantId, "voice");
  await ensureLead(env, ctx, leads, state, text);
  await saveCall(env, call, state, history); // the lead id survives a failure later in the turn
  const { engine, settings } = await engineFor(env, call.tenantId);
  const tools = conversationTools({ env, ctx, state, leads, now });
  const result = await engine.turn({ tenantName: leads.tenant.name, channel: "voice", message: { text }, history, state, settings }, tools);
  const lines = result.replies.map(spokenReply);
  const next = [...history, { role: "customer" as const, text }, ...lines.map((line) => ({ role: "assistant" as const, text: line }))].slice(-HISTORY);
  await saveCall(env, call, state, next);
  return { lines, state };
}

async function saveCall(env: Env, call: CallRow, state: ConversationState, history: HistoryEntry[]): Promise<void> {
  await env.DB.prepare(`UPDATE calls SET state_json = ?, history_json = ?, lead_id = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`)
    .bind(JSON.stringify(state), JSON.stringify(history), state.leadId, Date.now(), call.id, call.tenantId)
    .run();
}

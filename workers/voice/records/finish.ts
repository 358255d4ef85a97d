import type { Env, WaitUntil } from "../../env";
import type { EngineState, HistoryEntry } from "../../conversation-engine/engine";
import { tenantInfo } from "../../team/tenant-info";
import { log } from "../../http/log";

import { alertCall } from "../../notifications/alerts";
import { summarizerFor, type CallSummary } from "./summary";
import type { CallRef } from "./types";
import { metricsStub } from "../../../durable-objects/stubs";

/**
 * The records written once a call has ended: the post-call summary and qualification score
 * (Claude or the local summariser, like the conversation engine), and the call in the
 * /metrics call counts. Runs once per call: a second finish (a repeated status callback, a
 * Durable Object replaying) finds the summary written and changes nothing.
 */
/** A call that ended (not transferred or refused) before the job was captured: someone should call back. */
export const isMissed = (outcome: string, state: EngineState | null) =>
  outcome !== "transferred" && !outcome.startsWith("refused") && !state?.booking && !state?.job.trade && !state?.job.description;

export async function finishCallRecords(
  env: Env,
  ctx: WaitUntil,
  ref: CallRef,
  conversation: { history: HistoryEntry[]; state: EngineState | null },
): Promise<CallSummary | null> {
  const [tenant, { summarizer, settings }] = await Promise.all([tenantInfo(env, ref.tenantId), summarizerFor(env, ref.tenantId)]);
  const result = await summarizer.summarize({
    tenantName: tenant.name,
    history: conversation.history,
    state: conversation.state,
    settings,
  });
  const row = await env.DB.prepare(
    `UPDATE calls SET summary = ?, qualification_score = ?, updated_at = ? WHERE id = ? AND tenant_id = ? AND summary IS NULL RETURNING coalesce(outcome, status) AS outcome, from_number AS fromNumber`,
  )
    .bind(result.summary, result.qualificationScore, Date.now(), ref.callId, ref.tenantId)
    .first<{ outcome: string; fromNumber: string }>();
  if (!row) return null;
  if (isMissed(row.outcome, conversation.state))
    await alertCall(env, { tenantId: ref.tenantId, callId: ref.callId, from: row.fromNumber, what: "missed" });
  ctx.waitUntil(
    metricsStub(env)
      .countCall(row.outcome)
      .catch((error: unknown) => log("warn", "call not counted in metrics", { callId: ref.callId, error: String(error) })),
  );
  log("info", "call records finished", {
    callId: ref.callId,
    tenantId: ref.tenantId,
    summarizer: result.summarizer,
    qualificationScore: result.qualificationScore,
  });
  return result;
}

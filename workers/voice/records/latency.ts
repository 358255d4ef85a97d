import type { Env } from "../../env";
import { log } from "../../http/log";

import type { CallRef, TurnLatency } from "./types";
import { metricsStub } from "../../../durable-objects/stubs";

const ms = (value: number | null) => (value === null ? null : Math.round(value));

/**
 * Stores one turn's latency breakdown on the call (idempotent by turn) and adds it to the
 * platform's /metrics histograms. A metrics hiccup never fails the call's records.
 */
export async function recordTurnLatency(env: Env, ref: CallRef, t: TurnLatency, now = Date.now()): Promise<void> {
  const stored = await env.DB.prepare(
    `INSERT OR IGNORE INTO call_turn_latency (tenant_id, call_id, turn, stt_final_ms, llm_first_token_ms, tts_first_byte_ms, first_frame_ms, overhead_ms, speculative, created_at)
     SELECT tenant_id, id, ?, ?, ?, ?, ?, ?, ?, ? FROM calls WHERE id = ? AND tenant_id = ?`,
  )
    .bind(
      t.turn,
      ms(t.sttFinalMs),
      ms(t.llmFirstTokenMs),
      ms(t.ttsFirstByteMs),
      ms(t.firstFrameMs),
      ms(t.overheadMs),
      t.speculative ? 1 : 0,
      now,
      ref.callId,
      ref.tenantId,
    )
    .run();
  if (!stored.meta.changes) return; // a repeat (or no such call): counted once
  try {
    await metricsStub(env).observeVoiceTurn({
      stt_final: t.sttFinalMs,
      llm_first_token: t.llmFirstTokenMs,
      tts_first_byte: t.ttsFirstByteMs,
      first_frame: t.firstFrameMs,
      overhead: t.overheadMs,
    });
  } catch (error) {
    log("warn", "voice latency not added to metrics", { callId: ref.callId, turn: t.turn, error: String(error) });
  }
}

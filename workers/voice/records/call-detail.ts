import type { Env } from "../../env";
import { signedMediaUrl } from "../../lib/signed-url";
import { CALL_COLUMNS, CALL_FROM, type CallRowView } from "./call-list";
import { percentile } from "./percentile";
import type { TranscriptEntry, TurnLatency } from "./types";

/** How long the player's link works: long enough to listen, short enough not to be a share link. */
export const RECORDING_URL_TTL_SECONDS = 15 * 60;

export interface CallDetail {
  call: CallRowView & {
    recordingKey: string | null;
    recordingSeconds: number | null;
    inboundFrames: number | null;
    outboundFrames: number | null;
    voicemailKey: string | null;
    voicemailSeconds: number | null;
    voicemailTranscript: string | null;
    textBackAt: number | null;
    textBackConversationId: string | null;
  };
  recordingUrl: string | null;
  voicemailUrl: string | null;
  transcript: TranscriptEntry[];
  latency: { turns: TurnLatency[]; firstFrameP50: number | null; firstFrameP95: number | null };
}

/** One call of the tenant with its transcript, latency per turn and a signed recording link; null when not the tenant's. */
export async function callDetail(env: Env, tenantId: string, callId: string): Promise<CallDetail | null> {
  const [call, transcript, turns] = await env.DB.batch<any>([
    env.DB.prepare(
      `SELECT ${CALL_COLUMNS}, c.recording_key AS recordingKey, c.recording_seconds AS recordingSeconds, c.inbound_frames AS inboundFrames, c.outbound_frames AS outboundFrames,
       c.voicemail_key AS voicemailKey, c.voicemail_seconds AS voicemailSeconds, c.voicemail_transcript AS voicemailTranscript,
       c.text_back_at AS textBackAt, c.text_back_conversation_id AS textBackConversationId ${CALL_FROM} WHERE c.tenant_id = ? AND c.id = ?`,
    ).bind(tenantId, callId),
    env.DB.prepare(
      `SELECT seq, speaker, text, start_ms AS startMs, end_ms AS endMs, interrupted FROM call_transcript WHERE tenant_id = ? AND call_id = ? ORDER BY seq`,
    ).bind(tenantId, callId),
    env.DB.prepare(
      `SELECT turn, stt_final_ms AS sttFinalMs, llm_first_token_ms AS llmFirstTokenMs, tts_first_byte_ms AS ttsFirstByteMs, first_frame_ms AS firstFrameMs, overhead_ms AS overheadMs, speculative
       FROM call_turn_latency WHERE tenant_id = ? AND call_id = ? ORDER BY turn`,
    ).bind(tenantId, callId),
  ]);
  const row = call!.results[0] as CallDetail["call"] | undefined;
  if (!row) return null;
  const latency = (turns!.results as TurnLatency[]).map((t) => ({ ...t, speculative: !!t.speculative }));
  const firstFrames = latency.flatMap((t) => (t.firstFrameMs === null ? [] : [t.firstFrameMs]));
  return {
    call: row,
    recordingUrl: row.recordingKey ? await signedMediaUrl(env, row.recordingKey, RECORDING_URL_TTL_SECONDS) : null,
    voicemailUrl: row.voicemailKey ? await signedMediaUrl(env, row.voicemailKey, RECORDING_URL_TTL_SECONDS) : null,
    transcript: (transcript!.results as TranscriptEntry[]).map((e) => ({ ...e, interrupted: !!e.interrupted })),
    latency: { turns: latency, firstFrameP50: percentile(firstFrames, 50), firstFrameP95: percentile(firstFrames, 95) },
  };
}

import type { Env, WaitUntil } from "../../workers/env";
import { log } from "../../workers/http/log";
import { AudioTrack } from "../../workers/voice/audio/track";
import { stereoWav } from "../../workers/voice/audio/wav";
import { finishCallRecords } from "../../workers/voice/records/finish";
import { storeRecording } from "../../workers/voice/records/recording";
import { appendTranscript } from "../../workers/voice/records/transcript";
import type { SessionStore } from "./store";

/**
 * Writes an ended call's records from the object's storage alone (so a restarted object can do
 * it too): the two-sided recording, the transcript, the frame counters, the end reason and the
 * caller's lead on the call row, then the post-call summary. Every step is idempotent, so a
 * failed attempt is simply run again.
 */
export async function finalizeCall(env: Env, ctx: WaitUntil, store: SessionStore, now = Date.now()): Promise<void> {
  const call = store.call();
  if (!call || call.phase === "done") return;
  const ref = { tenantId: call.info.tenantId, callId: call.info.callId };
  const tracks = { caller: new AudioTrack(), agent: new AudioTrack() };
  for (const chunk of store.audioChunks()) tracks[chunk.track].write(chunk.atMs, chunk.bytes);
  const recorded = tracks.caller.durationMs > 0 || tracks.agent.durationMs > 0;
  if (recorded) await storeRecording(env, ref, stereoWav(tracks.caller.bytes(), tracks.agent.bytes()));
  await appendTranscript(env, ref, store.transcriptEntries());
  await env.DB.prepare(
    `UPDATE calls SET mode = 'stream', inbound_frames = ?, outbound_frames = ?, end_reason = coalesce(end_reason, ?), lead_id = coalesce(?, lead_id), history_json = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`,
  )
    .bind(
      call.inboundFrames,
      call.outboundFrames,
      call.endReason,
      call.state?.leadId ?? null,
      JSON.stringify(call.history),
      now,
      ref.callId,
      ref.tenantId,
    )
    .run();
  await finishCallRecords(env, ctx, ref, { history: call.history, state: call.state });
  store.done(now);
  log("info", "streamed call finalised", {
    ...ref,
    endReason: call.endReason,
    inboundFrames: call.inboundFrames,
    outboundFrames: call.outboundFrames,
    recordedMs: Math.max(tracks.caller.durationMs, tracks.agent.durationMs),
  });
}

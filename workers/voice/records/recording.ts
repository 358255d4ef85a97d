import type { Env } from "../../env";
import { log } from "../../http/log";
import type { CallRef } from "./types";
import { wavDurationSeconds } from "./wav-duration";

export const recordingKey = (ref: CallRef) => `recordings/${ref.tenantId}/${ref.callId}.wav`;

/**
 * Stores the call's two-sided recording in R2 (private: played through a signed URL only) and
 * puts its key and length on the call. A file that is not a readable WAV is refused before
 * anything is written, so a call never points at audio the player cannot use.
 */
export async function storeRecording(env: Env, ref: CallRef, wav: Uint8Array): Promise<string> {
  const seconds = wavDurationSeconds(wav);
  if (seconds === null) throw new Error("The recording is not a readable WAV file.");
  const key = recordingKey(ref);
  await env.MEDIA.put(key, wav, {
    httpMetadata: { contentType: "audio/wav" },
    customMetadata: { tenantId: ref.tenantId, callId: ref.callId },
  });
  const updated = await env.DB.prepare(
    `UPDATE calls SET recording_key = ?, recording_seconds = ?, updated_at = ? WHERE id = ? AND tenant_id = ?`,
  )
    .bind(key, Math.round(seconds * 1000) / 1000, Date.now(), ref.callId, ref.tenantId)
    .run();
  if (!updated.meta.changes) {
    await env.MEDIA.delete(key);
    throw new Error(`No call ${ref.callId} in tenant ${ref.tenantId} to attach a recording to.`);
  }
  log("info", "call recording stored", { callId: ref.callId, tenantId: ref.tenantId, seconds, bytes: wav.length });
  return key;
}

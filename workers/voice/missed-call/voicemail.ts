import type { Env } from "../../env";
import { log } from "../../http/log";
import { twilioAuthorization } from "../../providers/sms/twilio-rest";
import { recordingTranscriber } from "../../providers/stt";
import { wavDurationSeconds } from "../records/wav-duration";

const voicemailKey = (tenantId: string, callId: string) => `voicemail/${tenantId}/${callId}.wav`;

const DEFAULT_TWILIO_API = "https://api.twilio.com";

/** Recordings are fetched only from the Twilio API the app talks to (the URL comes from a webhook; no other host gets our credentials). */
export function isTwilioRecordingUrl(env: Pick<Env, "TWILIO_API_URL">, url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.origin === new URL(env.TWILIO_API_URL || DEFAULT_TWILIO_API).origin && /\/Recordings\/RE\w+$/.test(parsed.pathname);
  } catch {
    return false;
  }
}

/**
 * A voicemail Twilio recorded on the Gather path: downloaded as WAV into R2 (private, played
 * through a signed URL on the call) and transcribed when a speech-to-text key allows. Once per
 * call; a failed download throws so the queue retries it. Without Twilio credentials (local
 * development) there is nothing to download: the length is kept, the audio is not.
 */
export async function storeVoicemail(
  env: Env,
  message: { tenantId: string; callId: string; recordingUrl: string; recordingSid: string; seconds: number },
): Promise<void> {
  const { tenantId, callId } = message;
  const call = await env.DB.prepare(`SELECT voicemail_key AS voicemailKey FROM calls WHERE tenant_id = ? AND id = ?`)
    .bind(tenantId, callId)
    .first<{ voicemailKey: string | null }>();
  if (!call || call.voicemailKey) return;
  const save = (fields: { key: string | null; seconds: number; transcript: string | null }) =>
    env.DB.prepare(
      `UPDATE calls SET voicemail_key = ?, voicemail_seconds = ?, voicemail_transcript = ?, updated_at = ? WHERE tenant_id = ? AND id = ?`,
    )
      .bind(fields.key, fields.seconds, fields.transcript, Date.now(), tenantId, callId)
      .run();
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN) {
    log("warn", "voicemail not downloaded: no Twilio account configured", { tenantId, callId });
    await save({ key: null, seconds: message.seconds, transcript: null });
    return;
  }
  const response = await fetch(`${message.recordingUrl}.wav`, {
    headers: { Authorization: twilioAuthorization(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN) },
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`Twilio recording ${message.recordingSid}: HTTP ${response.status}`);
  const wav = new Uint8Array(await response.arrayBuffer());
  const key = voicemailKey(tenantId, callId);
  await env.MEDIA.put(key, wav, { httpMetadata: { contentType: "audio/wav" } });
  const transcript = await transcribe(env, wav, message);
  await save({ key, seconds: wavDurationSeconds(wav) ?? message.seconds, transcript });
  log("info", "voicemail stored", { tenantId, callId, bytes: wav.length, transcribed: transcript !== null });
}

async function transcribe(
  env: Env,
  wav: Uint8Array,
  message: { tenantId: string; callId: string; recordingSid: string },
): Promise<string | null> {
  const transcriber = recordingTranscriber(env);
  if (!transcriber) return null;
  try {
    return (await transcriber.transcribe({ bytes: wav, mimeType: "audio/wav" }, { tag: message.recordingSid })).text;
  } catch (err) {
    // The audio is kept either way; a person can listen to it.
    log("warn", "voicemail not transcribed", {
      tenantId: message.tenantId,
      callId: message.callId,
      error: err instanceof Error ? err.message : String(err),
    });
    return null;
  }
}

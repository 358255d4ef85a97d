import type { Env } from "../env";

export interface VoiceSettings {
  forwardNumber: string | null;
  voiceMode: "auto" | "gather";
}

/** The workspace's voice settings; no row means no transfer number and the automatic mode. */
export async function voiceSettings(env: Env, tenantId: string): Promise<VoiceSettings> {
  const row = await env.DB.prepare(
    `SELECT forward_number AS forwardNumber, voice_mode AS voiceMode FROM voice_settings WHERE tenant_id = ?`,
  )
    .bind(tenantId)
    .first<VoiceSettings>();
  return { forwardNumber: row?.forwardNumber ?? null, voiceMode: row?.voiceMode === "gather" ? "gather" : "auto" };
}

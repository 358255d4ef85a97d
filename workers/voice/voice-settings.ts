import type { Env } from "../env";

/** Said when the workspace keeps the disclosure on without its own wording. */
export const DEFAULT_DISCLOSURE = "This call is recorded so we can help you better.";

export interface VoiceSettings {
  forwardNumber: string | null;
  voiceMode: "auto" | "gather";
  /** Whether calls open with the recording disclosure (two-party-consent states require it); on by default. */
  recordingDisclosure: boolean;
  /** The words said; the default wording unless the workspace wrote its own. */
  disclosureText: string;
}

/** The workspace's voice settings; no row means no transfer number, the automatic mode and the default disclosure. */
export async function voiceSettings(env: Env, tenantId: string): Promise<VoiceSettings> {
  const row = await env.DB.prepare(
    `SELECT forward_number AS forwardNumber, voice_mode AS voiceMode, recording_disclosure AS recordingDisclosure, disclosure_text AS disclosureText
     FROM voice_settings WHERE tenant_id = ?`,
  )
    .bind(tenantId)
    .first<{ forwardNumber: string | null; voiceMode: string; recordingDisclosure: number; disclosureText: string | null }>();
  return {
    forwardNumber: row?.forwardNumber ?? null,
    voiceMode: row?.voiceMode === "gather" ? "gather" : "auto",
    recordingDisclosure: row ? row.recordingDisclosure !== 0 : true,
    disclosureText: row?.disclosureText || DEFAULT_DISCLOSURE,
  };
}

/** The call's first words: the disclosure (when on) before the greeting, so the caller hears it before saying anything. */
export function openingLine(settings: Pick<VoiceSettings, "recordingDisclosure" | "disclosureText">, greeting: string): string {
  return settings.recordingDisclosure ? `${settings.disclosureText} ${greeting}` : greeting;
}

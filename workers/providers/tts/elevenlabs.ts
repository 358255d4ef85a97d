import type { TtsProvider } from "./provider";

/** "Rachel", one of ElevenLabs' stock voices, available on every account. */
export const DEFAULT_VOICE_ID = "21m00Tcm4TlvDq8ikWAM";
/** The lowest-latency model (~75 ms to first audio). */
const MODEL_ID = "eleven_flash_v2_5";

export class TtsRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** ElevenLabs' HTTP streaming endpoint, asked for μ-law 8 kHz so the audio goes to Twilio untouched. */
export class ElevenLabsTts implements TtsProvider {
  readonly name = "elevenlabs";
  readonly voiceKey: string;

  constructor(
    private readonly apiKey: string,
    private readonly voiceId = DEFAULT_VOICE_ID,
    private readonly baseUrl = "https://api.elevenlabs.io",
  ) {
    this.voiceKey = `elevenlabs-${voiceId}-${MODEL_ID}`;
  }

  async *synthesize(text: string, signal: AbortSignal): AsyncIterable<Uint8Array> {
    const url = new URL(`/v1/text-to-speech/${encodeURIComponent(this.voiceId)}/stream`, this.baseUrl);
    url.searchParams.set("output_format", "ulaw_8000");
    const response = await fetch(url, {
      method: "POST",
      headers: { "xi-api-key": this.apiKey, "Content-Type": "application/json", Accept: "audio/basic" },
      body: JSON.stringify({ text, model_id: MODEL_ID }),
      signal,
    });
    if (!response.ok || !response.body) {
      const body = (await response.json().catch(() => ({}))) as { detail?: { status?: string; message?: string } | unknown[] };
      const detail = body.detail && !Array.isArray(body.detail) ? `${body.detail.status ?? ""} ${body.detail.message ?? ""}` : "";
      throw new TtsRequestError(`ElevenLabs ${response.status}: ${detail}`.trim(), response.status);
    }
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value.length) yield value;
      }
    } finally {
      // A consumer that stops early (barge-in) must not leave the request running.
      await reader.cancel().catch(() => undefined);
    }
  }
}

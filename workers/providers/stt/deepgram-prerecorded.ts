import type { RecordedAudio, RecordingTranscriber, SttConnectOptions, Transcription } from "./provider";

/** Voice notes and voicemails: any container Deepgram reads (Ogg/Opus, WAV, MP3, AMR, MP4), the language detected. */
const LISTEN_PARAMS = { model: "nova-3", smart_format: "true", detect_language: "true" };
const TIMEOUT_MS = 30_000;

interface PrerecordedResponse {
  metadata?: { duration?: number };
  results?: { channels?: { alternatives?: { transcript?: string; confidence?: number }[] }[] };
}

export class TranscriptionError extends Error {}

/** Deepgram's pre-recorded API: POST /v1/listen with the audio bytes as the body. */
export class DeepgramTranscriber implements RecordingTranscriber {
  readonly name = "deepgram";

  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "https://api.deepgram.com",
  ) {}

  async transcribe(audio: RecordedAudio, options: SttConnectOptions & { signal?: AbortSignal } = {}): Promise<Transcription> {
    const response = await fetch(prerecordedUrl(this.baseUrl, options.tag), {
      method: "POST",
      headers: { Authorization: `Token ${this.apiKey}`, "Content-Type": audio.mimeType },
      body: audio.bytes,
      signal: options.signal ?? AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { err_code?: string; err_msg?: string };
      throw new TranscriptionError(
        `Deepgram refused the recording: HTTP ${response.status} ${body.err_code ?? ""} ${body.err_msg ?? ""}`.trim(),
      );
    }
    const body = (await response.json()) as PrerecordedResponse;
    const best = body.results?.channels?.[0]?.alternatives?.[0];
    if (!best || typeof best.transcript !== "string") throw new TranscriptionError("Deepgram answered without a transcript");
    return { text: best.transcript.trim(), confidence: best.confidence ?? 0, durationSeconds: body.metadata?.duration ?? null };
  }
}

/** The live API's base URL (ws:// or wss://) serves the pre-recorded one over http(s). */
function prerecordedUrl(baseUrl: string, tag: string | undefined): string {
  const url = new URL("/v1/listen", baseUrl.replace(/^wss:/, "https:").replace(/^ws:/, "http:"));
  for (const [name, value] of Object.entries(LISTEN_PARAMS)) url.searchParams.set(name, value);
  if (tag) url.searchParams.set("tag", tag);
  return url.toString();
}

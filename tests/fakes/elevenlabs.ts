import { linearToMulaw } from "../../workers/voice/audio/mulaw.ts";
import { listen, reply } from "./http.ts";

export interface ElevenLabsConfig {
  /** Delay before the first audio byte (Flash models: ~75 ms). */
  firstByteMs: number;
  /** Audio length per character of text (~65 ms at a natural speaking rate). */
  msPerChar: number;
  /** Audio per streamed chunk, and how often a chunk follows the first (faster than real time, as the API is). */
  chunkMs: number;
  chunkIntervalMs: number;
}

const DEFAULTS: ElevenLabsConfig = { firstByteMs: 75, msPerChar: 65, chunkMs: 100, chunkIntervalMs: 25 };

/**
 * A contract fake of ElevenLabs' streaming text-to-speech on loopback:
 * POST /v1/text-to-speech/{voice_id}/stream?output_format=ulaw_8000 with `xi-api-key` and
 * `{text, model_id}` answers a soft μ-law tone as long as the text would take to say, its first
 * chunk after `firstByteMs`, the rest streamed in chunks; a client that hangs up stops it.
 * POST /__config `{voiceId?, ...timings}` changes the timings for every voice or for one (test files
 * running in parallel each use their own voice id); GET /__requests lists what was asked.
 */
export function startElevenLabsFake(port = 0, apiKey = "test-elevenlabs-key") {
  let config = { ...DEFAULTS };
  const byVoice = new Map<string, ElevenLabsConfig>();
  const requests: { voiceId: string; text: string; modelId: string }[] = [];
  return listen((req, raw, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "POST" && url.pathname === "/__config") {
      const { voiceId, ...timings } = JSON.parse(raw) as Partial<ElevenLabsConfig> & { voiceId?: string };
      const next = { ...DEFAULTS, ...timings };
      if (voiceId) byVoice.set(voiceId, next);
      else config = next;
      return reply(res, 200, next);
    }
    if (req.method === "GET" && url.pathname === "/__requests") return reply(res, 200, requests);
    const match = url.pathname.match(/^\/v1\/text-to-speech\/([^/]+)\/stream$/);
    if (req.method !== "POST" || !match) return reply(res, 404, { detail: { status: "not_found", message: "Not found" } });
    if (req.headers["xi-api-key"] !== apiKey) return reply(res, 401, { detail: { status: "invalid_api_key", message: "Invalid API key" } });
    if (url.searchParams.get("output_format") !== "ulaw_8000")
      return reply(res, 400, { detail: { status: "invalid_output_format", message: "This fake streams output_format=ulaw_8000 only" } });
    const body = JSON.parse(raw || "{}") as { text?: unknown; model_id?: unknown };
    if (typeof body.text !== "string" || !body.text.trim() || typeof body.model_id !== "string")
      return reply(res, 400, { detail: { status: "invalid_request", message: "text and model_id are required" } });
    const voiceId = decodeURIComponent(match[1]!);
    requests.push({ voiceId, text: body.text, modelId: body.model_id });

    const { firstByteMs, msPerChar, chunkMs, chunkIntervalMs } = byVoice.get(voiceId) ?? config;
    const audio = softTone(body.text.length * msPerChar);
    const chunkBytes = chunkMs * 8;
    let offset = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    res.on("close", () => clearTimeout(timer));
    const next = () => {
      if (offset === 0) res.writeHead(200, { "Content-Type": "audio/basic", "Transfer-Encoding": "chunked" });
      res.write(audio.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
      if (offset >= audio.length) res.end();
      else timer = setTimeout(next, chunkIntervalMs);
    };
    timer = setTimeout(next, firstByteMs);
  }, port);
}

/** A 220 Hz tone at about -21 dBFS with a syllable-like swell, so it reads as speech, not silence. */
function softTone(ms: number): Uint8Array {
  const samples = new Uint8Array(Math.max(1, Math.round(ms)) * 8);
  for (let i = 0; i < samples.length; i++) {
    const swell = 0.7 + 0.3 * Math.sin((2 * Math.PI * 4 * i) / 8000);
    samples[i] = linearToMulaw(3000 * swell * Math.sin((2 * Math.PI * 220 * i) / 8000));
  }
  return samples;
}

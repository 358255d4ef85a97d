import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { streamingProviders } from "./streaming-providers";

describe("call mode", () => {
  it("streams only when both speech providers are configured", () => {
    expect(streamingProviders(env)).toMatchObject({ stt: { name: "deepgram" }, tts: { name: "elevenlabs" } });
    expect(streamingProviders({ ...env, DEEPGRAM_API_KEY: undefined })).toBeNull();
    expect(streamingProviders({ ...env, ELEVENLABS_API_KEY: undefined })).toBeNull();
    expect(streamingProviders({ ...env, DEEPGRAM_API_KEY: "", ELEVENLABS_API_KEY: "" })).toBeNull();
  });
});

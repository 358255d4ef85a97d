import { describe, expect, inject, it } from "vitest";
import { oggVoiceNote, receivedRecordings, scriptTranscript, wavRecording } from "../../../tests/media";
import { DeepgramTranscriber, TranscriptionError } from "./deepgram-prerecorded";

const transcriber = (key = "test-deepgram-key") => new DeepgramTranscriber(key, inject("deepgramUrl"));
const tag = () => `msg_${crypto.randomUUID()}`;

describe("integration: Deepgram pre-recorded transcription (contract fake)", () => {
  it("posts a WhatsApp voice note as the body with its type and gets the words back", async () => {
    const t = tag();
    await scriptTranscript(t, "My roof is leaking into the bedroom.");
    const heard = await transcriber().transcribe({ bytes: oggVoiceNote(), mimeType: "audio/ogg; codecs=opus" }, { tag: t });
    expect(heard).toMatchObject({ text: "My roof is leaking into the bedroom.", confidence: 0.97 });
    const [request] = await receivedRecordings(t);
    expect(request).toMatchObject({
      contentType: "audio/ogg; codecs=opus",
      bytes: oggVoiceNote().length,
      query: { model: "nova-3", smart_format: "true", detect_language: "true", tag: t },
    });
  });

  it("a WAV recording is timed by its header", async () => {
    const t = tag();
    await scriptTranscript(t, "Please call me back about the leak.");
    const wav = wavRecording();
    const heard = await transcriber().transcribe({ bytes: wav, mimeType: "audio/x-wav" }, { tag: t });
    expect(heard.durationSeconds).toBeCloseTo((wav.length - 44) / 32_000, 1);
  });

  it("a refusal is an error that says what the provider said", async () => {
    const ogg = { bytes: oggVoiceNote(), mimeType: "audio/ogg" };
    await expect(transcriber("wrong-key").transcribe(ogg)).rejects.toThrow(/HTTP 401 INVALID_AUTH/);
    await expect(transcriber().transcribe({ bytes: new TextEncoder().encode("not audio"), mimeType: "audio/ogg" })).rejects.toThrow(
      TranscriptionError,
    );
    await expect(transcriber().transcribe({ ...ogg, mimeType: "text/plain" })).rejects.toThrow(/HTTP 415/);
  });
});

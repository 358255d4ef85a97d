// The caller's lines of a booking call as Twilio carries them (raw μ-law 8 kHz mono), made by
// scripts/make-voice-fixtures.mjs. Workers cannot read files, so vite inlines the audio.
import manifest from "./fixtures/voice/manifest.json";
import address from "./fixtures/voice/address.ulaw?url&inline";
import asap from "./fixtures/voice/asap.ulaw?url&inline";
import cough from "./fixtures/voice/cough.ulaw?url&inline";
import firstSlot from "./fixtures/voice/first-slot.ulaw?url&inline";
import mhm from "./fixtures/voice/mhm.ulaw?url&inline";
import name from "./fixtures/voice/name.ulaw?url&inline";
import roofLeak from "./fixtures/voice/roof-leak.ulaw?url&inline";

const DATA = {
  "address.ulaw": address,
  "asap.ulaw": asap,
  "cough.ulaw": cough,
  "first-slot.ulaw": firstSlot,
  "mhm.ulaw": mhm,
  "name.ulaw": name,
  "roof-leak.ulaw": roofLeak,
};

export interface VoiceFixture {
  file: keyof typeof DATA;
  /** What is said (null for the cough). */
  text: string | null;
  durationMs: number;
  audio: Uint8Array;
}

const decode = (dataUrl: string) => Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(",") + 1)), (ch) => ch.charCodeAt(0));

export const VOICE_FIXTURES: VoiceFixture[] = (manifest as Omit<VoiceFixture, "audio">[]).map((entry) => ({
  ...entry,
  audio: decode(DATA[entry.file]),
}));

export function voiceFixture(file: VoiceFixture["file"]): VoiceFixture {
  return VOICE_FIXTURES.find((f) => f.file === file)!;
}

/** 20 ms frames (160 bytes) of μ-law, as Twilio sends them. */
export function frames(audio: Uint8Array): Uint8Array[] {
  return Array.from({ length: Math.ceil(audio.length / 160) }, (_, i) => audio.subarray(i * 160, i * 160 + 160));
}

export function silence(ms: number): Uint8Array {
  return new Uint8Array(ms * 8).fill(0xff);
}

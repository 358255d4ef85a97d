import { describe, expect, it } from "vitest";
import { encodeMulaw, MULAW_SILENCE } from "./mulaw";
import { stereoWav, wavDurationSeconds, wavInfo } from "./wav";

describe("stereo call recording", () => {
  it("is a PCM16 8 kHz two-channel WAV as long as the longer track", () => {
    const caller = new Uint8Array(8000 * 3).fill(MULAW_SILENCE); // 3 s
    const agent = new Uint8Array(8000 * 2).fill(MULAW_SILENCE);
    const wav = stereoWav(caller, agent);
    expect(wavInfo(wav)).toEqual({ channels: 2, sampleRate: 8000, bitsPerSample: 16, durationSeconds: 3 });
    expect(wav.length).toBe(44 + 8000 * 3 * 4);
  });

  it("puts the caller on the left and the agent on the right, padding the shorter with silence", () => {
    const wav = stereoWav(encodeMulaw([1000, 2000]), encodeMulaw([-5000]));
    const view = new DataView(wav.buffer);
    const sample = (frame: number, channel: number) => view.getInt16(44 + frame * 4 + channel * 2, true);
    expect(Math.abs(sample(0, 0) - 1000)).toBeLessThan(40);
    expect(Math.abs(sample(0, 1) + 5000)).toBeLessThan(200);
    expect(Math.abs(sample(1, 0) - 2000)).toBeLessThan(80);
    expect(sample(1, 1)).toBe(0);
  });

  it("reads durations past extra chunks and refuses what is not a PCM WAV", () => {
    const wav = stereoWav(new Uint8Array(4000), new Uint8Array(0));
    const withList = new Uint8Array([
      ...wav.subarray(0, 36),
      ...new TextEncoder().encode("LIST"),
      4,
      0,
      0,
      0,
      1,
      2,
      3,
      4,
      ...wav.subarray(36),
    ]);
    expect(wavDurationSeconds(withList)).toBe(0.5);
    expect(() => wavDurationSeconds(new Uint8Array(100))).toThrow(/RIFF/);
    expect(() => wavDurationSeconds(wav.subarray(0, 60))).toThrow(/truncated/);
  });
});

import { describe, expect, it } from "vitest";
import { frameDbfs, isSpeechFrame, SpeechActivity } from "./energy";
import { encodeMulaw, MULAW_SILENCE } from "./mulaw";

const tone = (ms: number, amplitude = 6000) =>
  encodeMulaw(Array.from({ length: ms * 8 }, (_, i) => amplitude * Math.sin((2 * Math.PI * 300 * i) / 8000)));
const silence = (ms: number) => new Uint8Array(ms * 8).fill(MULAW_SILENCE);
const frames = (audio: Uint8Array) => Array.from({ length: audio.length / 160 }, (_, i) => audio.subarray(i * 160, i * 160 + 160));

describe("frame energy", () => {
  it("measures a sine in dBFS and digital silence as -Infinity", () => {
    // A sine's RMS is amplitude/√2: 6000/√2/32768 ≈ -17.7 dBFS.
    expect(frameDbfs(tone(20))).toBeCloseTo(-17.7, 0);
    expect(frameDbfs(silence(20))).toBe(-Infinity);
  });

  it("tells speech-level audio from line noise", () => {
    expect(isSpeechFrame(tone(20))).toBe(true);
    expect(isSpeechFrame(tone(20, 60))).toBe(false);
  });
});

describe("speech activity", () => {
  it("starts after the onset and ends after the configured silence, in audio time", () => {
    const activity = new SpeechActivity({ onsetMs: 60, endMs: 300 });
    const events = frames(new Uint8Array([...silence(100), ...tone(500), ...silence(400)])).map((f) => activity.push(f));
    expect(events.indexOf("start")).toBe(7); // 100 ms of silence, then the third voiced frame
    expect(events.indexOf("end")).toBe(44); // 300 ms after the last voiced frame (which ends at 600 ms)
    expect(activity).toMatchObject({ speaking: false, speechStartMs: 100, speechEndMs: 600 });
  });

  it("does not end on a pause shorter than the endpoint, nor start on a click", () => {
    const activity = new SpeechActivity({ onsetMs: 60, endMs: 300 });
    const events = frames(new Uint8Array([...tone(20), ...silence(200), ...tone(200), ...silence(200), ...tone(200)])).map((f) =>
      activity.push(f),
    );
    expect(events.filter(Boolean)).toEqual(["start"]);
    expect(activity.speaking).toBe(true);
    expect(activity.speechStartMs).toBe(220);
  });
});

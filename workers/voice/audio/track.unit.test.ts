import { describe, expect, it } from "vitest";
import { MULAW_SILENCE } from "./mulaw";
import { AudioTrack } from "./track";

describe("audio track", () => {
  it("places audio at 8 bytes per ms and fills the gaps with silence", () => {
    const track = new AudioTrack();
    track.write(0, new Uint8Array(160).fill(1));
    track.write(100, new Uint8Array(160).fill(2));
    const bytes = track.bytes();
    expect(bytes).toHaveLength(960);
    expect(track.durationMs).toBe(120);
    expect(bytes[159]).toBe(1);
    expect(bytes.subarray(160, 800).every((b) => b === MULAW_SILENCE)).toBe(true);
    expect(bytes[800]).toBe(2);
  });

  it("appends an overlapping write after the audio already there", () => {
    const track = new AudioTrack();
    track.write(0, new Uint8Array(160).fill(1));
    track.write(19, new Uint8Array(160).fill(2));
    expect(track.bytes()).toHaveLength(320);
    expect(track.bytes()[160]).toBe(2);
  });

  it("grows past its initial capacity for long calls", () => {
    const track = new AudioTrack();
    for (let ms = 0; ms < 5000; ms += 20) track.write(ms, new Uint8Array(160).fill(7));
    expect(track.durationMs).toBe(5000);
    expect(track.bytes().every((b) => b === 7)).toBe(true);
  });
});

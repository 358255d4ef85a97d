import { describe, expect, it } from "vitest";
import { mulawWav } from "../../../tests/voice";
import { wavDurationSeconds } from "./wav-duration";

/** The canonical 44-byte PCM header: 16-bit mono 16 kHz. */
function pcmWav(samples: number): Uint8Array {
  const wav = new Uint8Array(44 + samples * 2);
  const view = new DataView(wav.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((ch, i) => (wav[at + i] = ch.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, wav.length - 8, true);
  ascii(8, "WAVEfmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 16000, true);
  view.setUint32(28, 32000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, samples * 2, true);
  return wav;
}

describe("wavDurationSeconds", () => {
  it("reads the data chunk over the byte rate, past fmt extensions and fact chunks", () => {
    expect(wavDurationSeconds(mulawWav(12.5))).toBe(12.5);
    expect(wavDurationSeconds(pcmWav(16000 * 3))).toBe(3);
  });

  it("counts only the bytes present when a recording was cut short", () => {
    expect(wavDurationSeconds(mulawWav(2).slice(0, 58 + 4000))).toBe(0.5);
  });

  it("is null for anything that is not a readable WAV", () => {
    expect(wavDurationSeconds(new TextEncoder().encode("not a wav file at all"))).toBeNull();
    expect(wavDurationSeconds(new Uint8Array(0))).toBeNull();
    const noFmt = mulawWav(1);
    noFmt.set([0x78, 0x78, 0x78, 0x78], 12); // "fmt " renamed: no byte rate
    expect(wavDurationSeconds(noFmt)).toBeNull();
  });
});

import { decodeMulaw } from "./mulaw";

const SAMPLE_RATE = 8000;
const HEADER_BYTES = 44;

/**
 * The call recording: RIFF/WAVE PCM16 at 8 kHz, two channels (left = caller, right = agent) so
 * either side can be muted in a player. It lasts as long as the longer track; the shorter is
 * padded with silence.
 */
export function stereoWav(callerMulaw: Uint8Array, agentMulaw: Uint8Array): Uint8Array {
  const frames = Math.max(callerMulaw.length, agentMulaw.length);
  const caller = decodeMulaw(callerMulaw);
  const agent = decodeMulaw(agentMulaw);
  const dataBytes = frames * 4;
  const out = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((ch, i) => view.setUint8(offset + i, ch.charCodeAt(0)));
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 2, true);
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 4, true);
  view.setUint16(32, 4, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < frames; i++) {
    view.setInt16(HEADER_BYTES + i * 4, caller[i] ?? 0, true);
    view.setInt16(HEADER_BYTES + i * 4 + 2, agent[i] ?? 0, true);
  }
  return out;
}

export interface WavInfo {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  durationSeconds: number;
}

/** Reads a RIFF/WAVE header (walking its chunks); throws when the bytes are not a PCM WAV. */
export function wavInfo(bytes: Uint8Array): WavInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("Not a RIFF/WAVE file");
  let format: Omit<WavInfo, "durationSeconds"> | null = null;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const size = view.getUint32(offset + 4, true);
    if (tag(offset) === "fmt ") {
      if (view.getUint16(offset + 8, true) !== 1) throw new Error("WAV is not PCM");
      format = {
        channels: view.getUint16(offset + 10, true),
        sampleRate: view.getUint32(offset + 12, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
    } else if (tag(offset) === "data") {
      if (!format) throw new Error("WAV data chunk before its fmt chunk");
      if (offset + 8 + size > bytes.length) throw new Error("WAV data chunk is truncated");
      return { ...format, durationSeconds: size / (format.sampleRate * format.channels * (format.bitsPerSample / 8)) };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error("WAV has no data chunk");
}

export function wavDurationSeconds(bytes: Uint8Array): number {
  return wavInfo(bytes).durationSeconds;
}

const ascii = (bytes: Uint8Array, at: number) => String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);

/**
 * Seconds of audio in a RIFF/WAVE file: the data chunk's size over the fmt chunk's byte rate.
 * Chunks are walked rather than assuming the 44-byte layout (LIST and fact chunks are common,
 * and μ-law files carry a longer fmt). Null when the bytes are not a WAV this can read.
 */
export function wavDurationSeconds(wav: Uint8Array): number | null {
  if (wav.length < 12 || ascii(wav, 0) !== "RIFF" || ascii(wav, 8) !== "WAVE") return null;
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  let byteRate: number | null = null;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = ascii(wav, at);
    const size = view.getUint32(at + 4, true);
    if (id === "fmt " && size >= 16 && at + 24 <= wav.length) byteRate = view.getUint32(at + 16, true);
    if (id === "data") {
      if (!byteRate) return null;
      // A streamed recording may end before its header's promise: count what is really there.
      const bytes = Math.min(size, wav.length - at - 8);
      return bytes / byteRate;
    }
    at += 8 + size + (size % 2); // chunks are word-aligned
  }
  return null;
}

// G.711 μ-law (ITU-T G.711, the Sun reference implementation's bias 0x84 and clip 32635): what
// Twilio Media Streams, Deepgram (encoding=mulaw) and ElevenLabs (ulaw_8000) speak.
// No relative imports: the loopback fakes load this from plain Node too.

const BIAS = 0x84;
const CLIP = 32635;

/** The byte of digital silence (+0). */
export const MULAW_SILENCE = 0xff;

const DECODE = new Int16Array(256);
for (let byte = 0; byte < 256; byte++) {
  const u = ~byte & 0xff;
  const magnitude = (((u & 0x0f) << 3) + BIAS) << ((u & 0x70) >> 4);
  DECODE[byte] = u & 0x80 ? BIAS - magnitude : magnitude - BIAS;
}

export function mulawToLinear(byte: number): number {
  return DECODE[byte & 0xff]!;
}

export function linearToMulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(Math.trunc(sample)), CLIP) + BIAS;
  const exponent = 31 - Math.clz32(magnitude) - 7;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function decodeMulaw(ulaw: Uint8Array): Int16Array {
  const pcm = new Int16Array(ulaw.length);
  for (let i = 0; i < ulaw.length; i++) pcm[i] = DECODE[ulaw[i]!]!;
  return pcm;
}

export function encodeMulaw(pcm: ArrayLike<number>): Uint8Array {
  const ulaw = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) ulaw[i] = linearToMulaw(pcm[i]!);
  return ulaw;
}

/**
 * When the caller's sound during agent audio is an interruption. Words that are not a
 * backchannel interrupt at once; "mhm", "yeah", "okay" and the like never do (the caller is
 * listening, not taking the turn). Without words yet, only a sustained run of voice energy
 * does: a cough, a click or a short "mm" stays under it, and by then the recogniser has
 * usually produced the words that decide.
 */
const ENERGY_ONLY_BARGE_IN_MS = 600;

const BACKCHANNEL = new Set([
  "mhm",
  "mhmm",
  "mm",
  "mmhm",
  "mmhmm",
  "uhuh",
  "mmm",
  "hm",
  "hmm",
  "uh",
  "huh",
  "uhhuh",
  "um",
  "ah",
  "oh",
  "yeah",
  "yep",
  "yes",
  "yup",
  "ok",
  "okay",
  "right",
  "sure",
  "alright",
  "aha",
  "ahh",
  "cool",
  "great",
  "gotcha",
  "i",
  "see",
]);

/** Lower case, no punctuation, single spaces: how two transcripts of the same words compare. */
export function normalizeSpeech(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s'-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Only listening noises ("mhm", "uh-huh", "yeah okay", "I see"). */
export function isBackchannel(text: string): boolean {
  const words = normalizeSpeech(text).replace(/-/g, "").split(" ").filter(Boolean);
  return words.length > 0 && words.length <= 3 && words.every((w) => BACKCHANNEL.has(w));
}

export interface CallerSound {
  /** The recogniser's words for the sound so far (interim or final); "" when none yet. */
  words: string;
  /** Unbroken voiced audio so far, ms. */
  voicedMs: number;
}

export function isBargeIn(sound: CallerSound): boolean {
  if (normalizeSpeech(sound.words)) return !isBackchannel(sound.words);
  return sound.voicedMs >= ENERGY_ONLY_BARGE_IN_MS;
}

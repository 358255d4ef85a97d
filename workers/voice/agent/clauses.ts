import { spokenText } from "../speech";

/** A comma, semicolon, colon or dash ends a piece only once it has this many words: shorter ones sound choppy. */
const MIN_CLAUSE_WORDS = 4;

const SENTENCE_END = new Set([".", "!", "?", "…"]);
const CLAUSE_END = new Set([",", ";", ":"]);
const DASHES = new Set(["—", "–", "-"]);
const CLOSERS = new Set(['"', "'", "”", "’", ")", "]"]);
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "ave",
  "rd",
  "blvd",
  "ln",
  "mt",
  "ft",
  "jr",
  "sr",
  "apt",
  "ste",
  "vs",
  "etc",
  "inc",
  "ltd",
  "co",
  "approx",
  "est",
  "dept",
  "hwy",
  "pkwy",
  "ct",
  "pl",
  "sq",
  "tel",
  "ext",
]);
const DIGIT_WORDS = new Set(["zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "double", "triple"]);

/** Undecided: what follows the mark has not arrived yet. */
const WAIT = -1;
/** Not a boundary. */
const NONE = 0;

/**
 * Cuts streaming reply text into speakable pieces as it arrives, so TTS can start on the first
 * clause while the model is still writing: at sentence ends, and at commas, semicolons, colons
 * and spaced dashes once the piece is long enough. It never cuts inside numbers, times and
 * decimals ("10:30", "2.5"), after abbreviations ("St.", "Dr.", "a.m."), after a list number
 * ("1."), or between digit groups of a phone number being read out ("512, 555, 0190").
 * Pieces leave through spokenText (no markdown or bullets); `flush` returns the rest.
 */
export function clauseSplitter(): { push(delta: string): string[]; flush(): string[] } {
  let buffer = "";
  let scanned = 0;

  const speakable = (pieces: string[]) => pieces.map(spokenText).filter(Boolean);

  return {
    push(delta) {
      buffer += delta;
      const pieces: string[] = [];
      for (let i = scanned; i < buffer.length; i++) {
        const end = boundaryAt(buffer, i);
        if (end === WAIT) {
          scanned = i;
          return speakable(pieces);
        }
        if (end !== NONE) {
          pieces.push(buffer.slice(0, end));
          buffer = buffer.slice(end);
          i = -1;
        }
      }
      scanned = buffer.length;
      return speakable(pieces);
    },
    flush() {
      const rest = buffer;
      buffer = "";
      scanned = 0;
      return speakable([rest]);
    },
  };
}

/** Where the piece ends if a boundary is at `i` (exclusive index), NONE, or WAIT. */
function boundaryAt(text: string, i: number): number {
  const c = text[i]!;
  if (c === "\n") return i + 1;
  if (SENTENCE_END.has(c)) return sentenceEnd(text, i);
  if (CLAUSE_END.has(c) || DASHES.has(c)) return clauseEnd(text, i);
  return NONE;
}

function sentenceEnd(text: string, i: number): number {
  let last = i;
  while (last + 1 < text.length && (SENTENCE_END.has(text[last + 1]!) || CLOSERS.has(text[last + 1]!))) last++;
  if (last + 1 >= text.length) return WAIT;
  if (!/\s/.test(text[last + 1]!)) return NONE; // "2.5", "a.m", "e.g"
  if (text[i] !== ".") return last + 1;
  const word = wordBefore(text, i);
  if (/^\d+$/.test(word) && !/\p{L}/u.test(text.slice(0, i))) return NONE; // a list number: "1. Mon 9:00"
  const next = nextWord(text, last + 1);
  if (isDigitGroup(word)) {
    if (next === null) return WAIT;
    return isDigitGroup(next) ? NONE : last + 1;
  }
  if (isAbbreviation(word)) {
    // "9 a.m. Does that suit you?" ends a sentence; "St. Louis" does not.
    if (!/^[ap]\.m$/i.test(word)) return NONE;
    if (next === null) return WAIT;
    return /^\p{Lu}/u.test(next) ? last + 1 : NONE;
  }
  return last + 1;
}

function clauseEnd(text: string, i: number): number {
  if (i + 1 >= text.length) return WAIT;
  if (!/\s/.test(text[i + 1]!)) return NONE; // "10:30", "1,200", "512-555"
  if (DASHES.has(text[i]!) && !/\s/.test(text[i - 1] ?? "")) return NONE;
  const words = text
    .slice(0, i)
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\d]/u.test(w));
  if (words.length < MIN_CLAUSE_WORDS) return NONE;
  if (isDigitGroup(wordBefore(text, i))) {
    const next = nextWord(text, i + 1);
    if (next === null) return WAIT;
    if (isDigitGroup(next)) return NONE;
  }
  return i + 1;
}

function wordBefore(text: string, end: number): string {
  const match = /(\S+)$/.exec(text.slice(0, end));
  return (match?.[1] ?? "").replace(/^[("'“‘[]+/, "");
}

/** The next whole word after `from`, or null while it may still be growing. */
function nextWord(text: string, from: number): string | null {
  const match = /^\s*([\p{L}\d'-]+)(?=[^\p{L}\d'-])/u.exec(text.slice(from));
  return match ? match[1]! : null;
}

function isDigitGroup(word: string): boolean {
  return /^\+?\d+$/.test(word) || DIGIT_WORDS.has(word.toLowerCase());
}

function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /\p{L}\.\p{L}/u.test(word);
}

/** A whole text (a reply that was not streamed) in the same speakable pieces. */
export function clausesOf(text: string): string[] {
  const splitter = clauseSplitter();
  return [...splitter.push(text), ...splitter.flush()];
}

import { oneEdit } from "./gazetteer";
import { DIRECTIONS, STREET_TYPES, STREET_TYPE_TYPOS } from "./vocabulary";

/** A word of the message, with where it is and whether a comma or a sentence end comes before it. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** A comma, full stop, semicolon or line break sits between this token and the one before. */
  afterBreak: boolean;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let lastEnd = 0;
  let sentenceEnded = false;
  for (const match of text.matchAll(/#?[\p{L}\p{N}][\p{L}\p{N}'’./-]*|#/gu)) {
    const word = match[0];
    const raw = word.replace(/[.'’/-]+$/, "");
    const lower = raw.toLowerCase().replace(/\./g, "");
    const between = text.slice(lastEnd, match.index);
    const afterBreak = tokens.length > 0 && (sentenceEnded || /[,;:\n!?()]|\.(\s|$)/.test(between));
    tokens.push({ text: raw, lower, start: match.index, end: match.index + raw.length, afterBreak });
    // A full stop glued to a word ends its sentence ("Austin. It's"), unless the word is an abbreviation ("St.", "N.").
    sentenceEnded = word.endsWith(".") && !(lower.length <= 4 && (STREET_TYPES[lower] || DIRECTIONS[lower] || lower.length === 1));
    lastEnd = match.index + word.length;
  }
  return tokens;
}

export const isHouseNumber = (t: Token) => /^\d{1,6}[a-z]?$|^\d{1,5}-\d{1,5}$|^\d{1,5}\/\d{1,3}$/i.test(t.lower);
export const isZip = (t: Token) => /^\d{5}(-\d{4})?$/.test(t.lower);
export const direction = (t: Token | undefined) => (t ? DIRECTIONS[t.lower] : undefined);

/** The street type a word is — exactly, a known misspelling, or one edit from a long type — with how it matched. */
export function streetType(t: Token | undefined): { full: string; exact: boolean } | null {
  if (!t) return null;
  const exact = STREET_TYPES[t.lower];
  if (exact) return { full: exact, exact: true };
  const typo = STREET_TYPE_TYPOS[t.lower];
  if (typo) return { full: typo, exact: false };
  if (t.lower.length >= 5 && /^[a-z]+$/.test(t.lower))
    for (const full of FUZZY_TYPES) if (oneEdit(full.toLowerCase(), t.lower)) return { full, exact: false };
  return null;
}
const FUZZY_TYPES = ["Street", "Avenue", "Boulevard", "Drive", "Court", "Place", "Terrace", "Circle", "Parkway", "Highway", "Crescent"];

/** "lamar" → "Lamar"; words someone capitalised ("McKinney", "NW") are kept as written. */
export const titleCase = (word: string) => (word === word.toLowerCase() ? word.replace(/^\p{L}/u, (c) => c.toUpperCase()) : word);

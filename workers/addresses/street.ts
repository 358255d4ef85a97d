import { direction, isHouseNumber, streetType, titleCase, type Token } from "./tokens";
import { LEADING_TYPES, STRONG_TYPES, UNIT_WORDS } from "./vocabulary";

export interface StreetMatch {
  number: string | null;
  street: string;
  /** Token indexes [from, to) the street line covers. */
  from: number;
  to: number;
}

// Words that never belong to a street name ("roof is leaking at 5 Elm Road": the street starts at 5).
const NOT_NAME = new Set(
  "a an at in on is it its it's my our your the and or but to of for from with near by i we me you he she they was are am be has have had this that there here please thanks thank just also so no yes".split(
    " ",
  ),
);
const MAX_NAME_WORDS = 4;

const nameWord = (t: Token | undefined) =>
  !!t && !NOT_NAME.has(t.lower) && !UNIT_WORDS[t.lower] && /^(\p{L}[\p{L}'’.-]*|\d+(st|nd|rd|th)|[a-z])$/iu.test(t.text);

/**
 * The street line in the tokens: a house number, an optional direction, up to four name words
 * and a street type (then an optional direction) — "14 Barton Skyway", "1600 Pennsylvania Ave
 * NW" —, a leading type ("4501 Avenue F", "12 Highway 71"), or, without a number, a capitalised
 * name and a strong type ("Station Road"). A street never crosses a comma or a sentence end.
 */
export function findStreet(tokens: Token[]): StreetMatch | null {
  for (let i = 0; i < tokens.length; i++) {
    if (!isHouseNumber(tokens[i]!)) continue;
    const match = numbered(tokens, i);
    if (match) return match;
  }
  for (let j = 1; j < tokens.length; j++) {
    const type = streetType(tokens[j]);
    if (!type?.exact || !STRONG_TYPES.has(type.full) || tokens[j]!.afterBreak) continue;
    let from = j;
    while (from > 0 && j - from < 3 && !tokens[from]!.afterBreak && /^\p{Lu}/u.test(tokens[from - 1]!.text) && nameWord(tokens[from - 1]))
      from--;
    if (from < j) return { number: null, street: line(tokens, from, j, j + 1), from, to: j + 1 };
  }
  return null;
}

function numbered(tokens: Token[], i: number): StreetMatch | null {
  const next = tokens[i + 1];
  if (!next || next.afterBreak) return null;
  // "4501 Avenue F", "12 Highway 71", "1826 FM 1826"
  const two = `${next.lower} ${tokens[i + 2]?.lower ?? ""}`;
  const leading = LEADING_TYPES.has(two) ? 2 : LEADING_TYPES.has(next.lower) ? 1 : 0;
  const designator = tokens[i + 1 + leading];
  if (leading && designator && !designator.afterBreak && /^(\d{1,4}|[a-z])$/i.test(designator.text)) {
    const words = tokens.slice(i + 1, i + 2 + leading).map((t, k) => (k < leading ? titleCase(t.text) : t.text.toUpperCase()));
    return { number: tokens[i]!.text, street: words.join(" "), from: i, to: i + 2 + leading };
  }
  let j = i + 1;
  if (direction(tokens[j]) && nameWord(tokens[j + 1]) && !tokens[j + 1]!.afterBreak) j++;
  const nameStart = j;
  while (j < tokens.length && j - nameStart <= MAX_NAME_WORDS && !(j > i + 1 && tokens[j]!.afterBreak)) {
    const type = streetType(tokens[j]);
    if (type && j > nameStart) {
      // "Hill Park Road": the last of the type words is the type, the others are name.
      let end = j + 1;
      while (end < tokens.length && !tokens[end]!.afterBreak && streetType(tokens[end])?.exact) end++;
      if (
        direction(tokens[end]) &&
        !tokens[end]!.afterBreak &&
        (tokens[end]!.text === tokens[end]!.text.toUpperCase() || !nameWord(tokens[end + 1]))
      )
        end++;
      return { number: tokens[i]!.text, street: line(tokens, i + 1, lastType(tokens, j, end), end), from: i, to: end };
    }
    if (!nameWord(tokens[j])) return null;
    j++;
  }
  return null;
}

function lastType(tokens: Token[], from: number, end: number): number {
  let type = from;
  for (let k = from; k < end; k++) if (streetType(tokens[k])) type = k;
  return type;
}

/** Name words as written (title-cased when typed in lower case), the type in its usual or corrected form. */
function line(tokens: Token[], from: number, typeAt: number, end: number): string {
  return tokens
    .slice(from, end)
    .map((t, k) => {
      const at = from + k;
      if (at === typeAt) {
        const type = streetType(t)!;
        return type.exact ? titleCase(t.text) : type.full;
      }
      const dir = direction(t);
      if (dir && (at === from || at > typeAt)) return dir;
      return titleCase(t.text);
    })
    .join(" ");
}

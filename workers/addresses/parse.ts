import { mainPlace, placesNamed, ukArea, usZip } from "./gazetteer";
import { spokenNumbersToDigits } from "./spoken";
import { findStreet } from "./street";
import { isZip, titleCase, tokenize, type Token } from "./tokens";
import { STATE_CODES, UK_COUNTIES, UNIT_WORDS, US_STATES, WORDLIKE_CODES } from "./vocabulary";

/** What a message says about where the job is. Every part is optional; `line` is number + street (+ unit). */
export interface ParsedAddress {
  line?: string;
  number?: string;
  street?: string;
  unit?: string;
  city?: string;
  /** US state code, or a county ("Travis County", "West Yorkshire"). */
  region?: string;
  postcode?: string;
  country?: "US" | "GB";
}

const UK_POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})\b/i;
const MAX_CITY_WORDS = 4;

/**
 * Street and number, unit, city, state or county and US ZIP or UK postcode, in any order, from a
 * message or a call transcript ("fourteen Barton Skyway" is read as 14). Typos in street types
 * and city names are forgiven where the gazetteer can tell what was meant. `country` is the
 * workspace's, used when nothing in the text says which. `expected` (the address was just asked
 * for) lets a short answer be a bare city name. Null when the text names no place.
 */
export function parseAddress(text: string, country?: string, options: { expected?: boolean } = {}): ParsedAddress | null {
  const tokens = tokenize(spokenNumbersToDigits(text));
  const used = new Set<number>();
  const take = (from: number, to: number) => {
    for (let k = from; k < to; k++) used.add(k);
  };
  const found: ParsedAddress = {};

  const street = findStreet(tokens);
  if (street) {
    take(street.from, street.to);
    found.street = street.street;
    if (street.number) found.number = street.number.toUpperCase();
  }
  const unit = findUnit(tokens, used);
  if (unit) {
    take(unit.from, unit.to);
    found.unit = unit.label;
  }
  const postcode = findPostcode(tokens, used);
  if (postcode) {
    take(postcode.from, postcode.to);
    found.postcode = postcode.code;
    found.country = postcode.country;
  }
  const region = findRegion(tokens, used, postcode?.from);
  if (region) {
    take(region.from, region.to);
    found.region = region.name;
    found.country ??= region.country;
  }
  const anchors = [region?.from, postcode?.from, street?.to, postcode?.to, region?.to].filter((n): n is number => n !== undefined);
  const within = { region: STATE_CODES.has(found.region ?? "") ? found.region : undefined, country: found.country };
  const city = findCity(tokens, used, anchors, within, options.expected ?? false);
  if (city) {
    found.city = city.name;
    found.country ??= city.country;
  }
  if (found.postcode && found.country === "US") {
    const zip = usZip(found.postcode);
    if (zip) {
      found.city ??= zip.city;
      found.region ??= zip.region;
    }
  }
  if (!found.street && !found.postcode && !found.city) return null;
  if (!found.country && (country === "US" || country === "GB")) found.country = country;
  if (found.street) found.line = [found.number, found.street].filter(Boolean).join(" ") + (found.unit ? `, ${found.unit}` : "");
  return found;
}

/** "Apt 4B", "Flat 3", "Suite 200", "#12". */
function findUnit(tokens: Token[], used: Set<number>): { label: string; from: number; to: number } | null {
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const t = tokens[i]!;
    const hash = t.text.match(/^#([a-z0-9-]{1,6})$/i);
    if (hash) return { label: `#${hash[1]!.toUpperCase()}`, from: i, to: i + 1 };
    const word = UNIT_WORDS[t.lower];
    const id = tokens[i + 1];
    if (word && id && !used.has(i + 1) && /^#?([a-z]?\d{1,5}[a-z]?|[a-z])$/i.test(id.text))
      return { label: `${word} ${id.text.replace(/^#/, "").toUpperCase()}`, from: i, to: i + 2 };
  }
  return null;
}

function findPostcode(tokens: Token[], used: Set<number>): { code: string; country: "US" | "GB"; from: number; to: number } | null {
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const pair = `${tokens[i]!.text} ${tokens[i + 1]?.text ?? ""}`;
    const uk = pair.match(new RegExp(`^${UK_POSTCODE.source}`, "i")) ?? tokens[i]!.text.match(new RegExp(`^${UK_POSTCODE.source}$`, "i"));
    if (uk && ukArea(uk[1]!)) {
      const width = tokens[i]!.text.length >= uk[0].length ? 1 : 2;
      return { code: `${uk[1]!.toUpperCase()} ${uk[2]!.toUpperCase()}`, country: "GB", from: i, to: i + width };
    }
  }
  // The last five-digit number that is not a house number: a ZIP usually ends the address.
  for (let i = tokens.length - 1; i >= 0; i--)
    if (!used.has(i) && isZip(tokens[i]!)) return { code: tokens[i]!.text.slice(0, 5), country: "US", from: i, to: i + 1 };
  return null;
}

/** A US state (name or code), "<Name> County" or a UK county. Codes that are words ("IN", "OK") only in capitals or before a ZIP. */
function findRegion(
  tokens: Token[],
  used: Set<number>,
  zipAt: number | undefined,
): { name: string; country: "US" | "GB"; from: number; to: number } | null {
  const found: { name: string; country: "US" | "GB"; from: number; to: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const region = regionAt(tokens, used, zipAt, i);
    if (region) found.push(region);
  }
  // "Washington, DC 20500": the one right before the ZIP is the state.
  return found.find((r) => r.to === zipAt) ?? found[0] ?? null;
}

function regionAt(
  tokens: Token[],
  used: Set<number>,
  zipAt: number | undefined,
  i: number,
): { name: string; country: "US" | "GB"; from: number; to: number } | null {
  if (used.has(i)) return null;
  for (let width = 3; width >= 1; width--) {
    const words = tokens.slice(i, i + width);
    if (words.length < width || words.some((t, k) => k > 0 && t.afterBreak) || words.some((_, k) => used.has(i + k))) continue;
    const phrase = words.map((t) => t.lower).join(" ");
    if (US_STATES[phrase] && (width > 1 || i > 0)) return { name: US_STATES[phrase]!, country: "US", from: i, to: i + width };
    if (UK_COUNTIES.includes(phrase)) return { name: words.map((t) => titleCase(t.text)).join(" "), country: "GB", from: i, to: i + width };
    if (width > 1 && words.at(-1)!.lower === "county" && /^\p{L}/u.test(words[0]!.text))
      return { name: words.map((t) => titleCase(t.text)).join(" "), country: "US", from: i, to: i + width };
  }
  const t = tokens[i]!;
  const code = t.text.toUpperCase();
  if (t.text.length !== 2 || !STATE_CODES.has(code)) return null;
  const beforeZip = zipAt === i + 1;
  const capitals = t.text === code;
  const wordlike = WORDLIKE_CODES.has(code);
  const atEnd = t.afterBreak || i === tokens.length - 1;
  if (beforeZip || (capitals && (!wordlike || atEnd)) || (!wordlike && atEnd)) return { name: code, country: "US", from: i, to: i + 1 };
  return null;
}

/**
 * The city: the words next to the other parts (before the state or postcode, after the street,
 * after the postcode), or after "in", or the whole of a short answer to the address question.
 * A name the gazetteer knows wins (its spelling is used; a typo is forgiven only right next to
 * the other parts); an unknown capitalised name right before the state or postcode is kept.
 */
function findCity(
  tokens: Token[],
  used: Set<number>,
  anchors: number[],
  within: { region?: string; country?: "US" | "GB" },
  expected: boolean,
): { name: string; country: "US" | "GB" } | null {
  // `before`: the window ends at an anchor (its last words are read first); `anchored`: typos forgiven.
  const windows: { from: number; to: number; before: boolean; anchored: boolean }[] = [];
  const free = (k: number) => k >= 0 && k < tokens.length && !used.has(k);
  for (const anchor of anchors) {
    // Words ending right before the anchor (skipping nothing), and words starting at it.
    let from = anchor;
    while (free(from - 1) && anchor - from < MAX_CITY_WORDS && !(from < anchor && tokens[from]!.afterBreak)) from--;
    if (from < anchor) windows.push({ from, to: anchor, before: true, anchored: true });
    let to = anchor;
    while (free(to) && to - anchor < MAX_CITY_WORDS && !(to > anchor && tokens[to]!.afterBreak)) to++;
    if (to > anchor) windows.push({ from: anchor, to, before: false, anchored: true });
  }
  tokens.forEach((t, k) => {
    if ((t.lower === "in" || t.lower === "near") && free(k + 1))
      windows.push({ from: k + 1, to: Math.min(k + 1 + MAX_CITY_WORDS, tokens.length), before: false, anchored: false });
  });
  if (expected && tokens.length <= MAX_CITY_WORDS && tokens.every((_, k) => free(k)))
    windows.push({ from: 0, to: tokens.length, before: false, anchored: false });

  for (const window of windows) {
    const known = knownPlace(tokens, window, within);
    if (known) return known;
  }
  for (const window of windows.filter((w) => w.before)) {
    const words = tokens.slice(window.from, window.to).filter((t) => /^\p{Lu}[\p{L}'’.-]*$/u.test(t.text));
    if (words.length === window.to - window.from && words.length <= 3)
      return { name: words.map((t) => t.text).join(" "), country: within.country ?? "US" };
  }
  return null;
}

/** The longest run of words in the window (touching the anchor side first) that names a known place. */
function knownPlace(
  tokens: Token[],
  window: { from: number; to: number; before: boolean; anchored: boolean },
  within: { region?: string; country?: "US" | "GB" },
): { name: string; country: "US" | "GB" } | null {
  for (let width = window.to - window.from; width >= 1; width--) {
    const starts = window.before ? [window.to - width] : [window.from];
    for (const start of starts) {
      const words = tokens.slice(start, start + width);
      if (words.some((t, k) => k > 0 && t.afterBreak) || words.some((t) => !/^\p{L}/u.test(t.text))) continue;
      const places = placesNamed(words.map((t) => t.text).join(" "), within, window.anchored);
      const best = mainPlace(places);
      if (best) return { name: best.city, country: best.country };
    }
  }
  return null;
}

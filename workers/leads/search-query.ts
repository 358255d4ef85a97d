import { getCountryCallingCode, type CountryCode } from "libphonenumber-js";
import { toE164 } from "./phone";

function callingCode(country: string): string {
  try {
    return getCountryCallingCode(country as CountryCode);
  } catch {
    return "";
  }
}

const MAX_TERMS = 8;

/**
 * Turns free text into a safe FTS5 MATCH expression: every term becomes a quoted prefix
 * query, so quotes, operators (AND, NEAR, *, :, ^, parentheses) and column filters typed by a
 * user are searched as words, never parsed as syntax. A phone-like query is normalized to the
 * digits the index stores. Returns null when nothing searchable remains.
 */
export function ftsQuery(input: string, country: string): string | null {
  const text = input.normalize("NFKC").trim();
  if (!text) return null;
  if (/^[+()\d\s.-]{7,}$/.test(text)) {
    const e164 = toE164(text, country);
    if (e164) return `"${e164.slice(1)}"*`;
    // A partial number: the index stores E.164 digits, so a national prefix also gets the
    // workspace's calling code in front ("512555" → "1512555" in the US).
    const digits = text.replace(/\D/g, "");
    return text.startsWith("+") ? `"${digits}"*` : `"${callingCode(country)}${digits}"* OR "${digits}"*`;
  }
  const terms = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, MAX_TERMS) ?? [];
  if (!terms.length) return null;
  return terms.map((term) => `"${term}"*`).join(" ");
}

/**
 * The digits of phone-like input ("0179", "555-0179", "(512) 555"), matched anywhere in a stored
 * number: the full-text index only matches from the start of a number, but people type its end
 * (the last four digits) or its middle as often. Null for input that is not phone-like.
 */
export function phoneDigits(input: string): string | null {
  const text = input.normalize("NFKC").trim();
  if (!/^[+()\d\s.-]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, "");
  return digits.length >= 3 ? digits : null;
}

import { toE164 } from "./phone";

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
    const digits = (e164 ?? text).replace(/\D/g, "");
    return `"${digits}"*`;
  }
  const terms = text.match(/[\p{L}\p{N}]+/gu)?.slice(0, MAX_TERMS) ?? [];
  if (!terms.length) return null;
  return terms.map((term) => `"${term}"*`).join(" ");
}

/** A single `Range: bytes=…` request resolved against an object's size (RFC 9110 §14). */
export type ByteRange = { kind: "whole" } | { kind: "part"; offset: number; length: number } | { kind: "unsatisfiable" };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/**
 * No header, another unit, several ranges or unparseable syntax: the whole object (a server may
 * ignore what it does not serve). A first byte at or past the end, a last byte before the first,
 * or an empty suffix: unsatisfiable (416). A last byte past the end is clamped to it.
 */
export function resolveRange(header: string | undefined, size: number): ByteRange {
  const match = header ? SINGLE.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return { kind: "whole" };
  const [first, last] = [match[1] === "" ? null : Number(match[1]), match[2] === "" ? null : Number(match[2])];
  if (first === null) {
    const suffix = Math.min(last!, size);
    return suffix === 0 ? { kind: "unsatisfiable" } : { kind: "part", offset: size - suffix, length: suffix };
  }
  if (first >= size || (last !== null && last < first)) return { kind: "unsatisfiable" };
  const end = last === null ? size - 1 : Math.min(last, size - 1);
  return { kind: "part", offset: first, length: end - first + 1 };
}

/** Whether the request asks for a range at all (so the object's size must be known first). */
export const asksForRange = (header: string | undefined) => Boolean(header && SINGLE.test(header.trim()) && header.trim() !== "bytes=-");

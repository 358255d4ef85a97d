/** FNV-1a: a stable 32-bit hash, the same on every machine and every run. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stable number in [0, 1) for `text`: deterministic variety for local simulations. */
export const stableUnit = (text: string): number => stableHash(text) / 4_294_967_296;

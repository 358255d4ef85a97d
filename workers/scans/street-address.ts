// USPS street suffix and direction abbreviations (Publication 28, appendix C1/C2) for the words
// people actually type differently; enough to match "12 Oak Drive North" with "12 oak dr. n".
const ABBREVIATIONS: Record<string, string> = {
  street: "st",
  avenue: "ave",
  av: "ave",
  road: "rd",
  drive: "dr",
  lane: "ln",
  boulevard: "blvd",
  court: "ct",
  place: "pl",
  circle: "cir",
  terrace: "ter",
  parkway: "pkwy",
  highway: "hwy",
  trail: "trl",
  cove: "cv",
  square: "sq",
  way: "way",
  loop: "loop",
  crossing: "xing",
  hollow: "holw",
  point: "pt",
  ridge: "rdg",
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
  apartment: "apt",
  suite: "ste",
  unit: "unit",
};

/**
 * The street line of an address in one canonical spelling, for duplicate detection: the part
 * before the first comma (city and state are compared elsewhere, if at all), lower case,
 * punctuation dropped, suffixes and directions abbreviated. Null when nothing is left.
 */
export function normalizeStreetAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const street = address
    .split(",")[0]!
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  const words = street
    .replace(/[#.'’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word);
  return words.length ? words.join(" ") : null;
}

/** The leading house number of a normalized street line, if any: a full-text index can narrow candidates by it. */
export function houseNumber(normalized: string): string | null {
  const first = normalized.split(" ")[0]!;
  return /^\d/.test(first) ? first : null;
}

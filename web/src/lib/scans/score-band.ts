/** The score bands of the map legend, matching ScorePill: hot ≥ 70, warm ≥ 40, cold below. */
export const BANDS = [
  { band: "hot", label: "Hot (70+)", min: 70, color: "#e2560b" },
  { band: "warm", label: "Warm (40–69)", min: 40, color: "#d99a00" },
  { band: "cold", label: "Cold (< 40)", min: 0, color: "#7d8797" },
] as const;
export const FAILED_COLOR = "#c22a2a";

export type Band = (typeof BANDS)[number]["band"] | "failed";

export function bandOf(score: number | null): Band {
  if (score === null) return "failed";
  return BANDS.find((b) => score >= b.min)?.band ?? "cold";
}

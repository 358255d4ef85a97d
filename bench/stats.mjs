// Figures shared by every scenario: nearest-rank percentiles over a list sorted ascending.
export const round = (n) => Math.round(n * 100) / 100;

export const ascending = (values) => [...values].sort((a, b) => a - b);

/** The p-th percentile (0–100) of an ascending list, by nearest rank; NaN for an empty list. */
export const percentile = (sorted, p) =>
  round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN);

/** p50 / p95 / p99 / max of an ascending list. */
export const latencySummary = (sorted) => ({
  p50: percentile(sorted, 50),
  p95: percentile(sorted, 95),
  p99: percentile(sorted, 99),
  max: percentile(sorted, 100),
});

/**
 * The roof-lead score's factors and their weights (each factor's maximum points; they add up to
 * 100). The Fish Mouth seed names the pipeline (roof analysis → property and contact enrichment
 * → scoring) but publishes no weights, so these follow what sells a roof replacement:
 *
 * | factor            | weight | why                                                                         |
 * |-------------------|--------|-----------------------------------------------------------------------------|
 * | roof_age          | 25     | share of the material's service life used (roof-lifetime.ts); the strongest  |
 * |                   |        | predictor roofers use, though age from attributes is ±11–26 years (research) |
 * | roof_condition    | 25     | 100 − condition from vision / heuristic: visible wear is what gets a visit  |
 * | storm_exposure    | 15     | damaging-hail days within 2 km in 24 months: insurance-paid replacements    |
 * | owner_occupied    | 15     | owners decide and pay; landlords and tenants rarely do                      |
 * | property_value    | 10     | assessed value: larger roofs, budget for a full replacement                 |
 * | imagery_freshness | 10     | how current the imagery behind the assessment is (Solar imagery can be      |
 * |                   |        | years old: the research notes to show imageryDate)                          |
 */
export const WEIGHTS = {
  roof_age: 25,
  roof_condition: 25,
  storm_exposure: 15,
  owner_occupied: 15,
  property_value: 10,
  imagery_freshness: 10,
} as const;

export type FactorName = keyof typeof WEIGHTS;

/** Storm days that earn the full storm points (one earns half). */
export const STORM_DAYS_FOR_FULL_POINTS = 2;
/** Assessed values between which the value points grow linearly, US dollars. */
export const VALUE_RANGE_USD = { low: 150_000, high: 800_000 };
/** Imagery up to a year old earns full freshness points, nothing from five years. */
export const IMAGERY_FRESH_YEARS = 1;
export const IMAGERY_STALE_YEARS = 5;

// Typical service life of a roof covering, years (midpoints of the ranges US roofing
// manufacturers and InterNACHI's life-expectancy chart give). A roof past it is a replacement lead.
const LIFETIME_YEARS: Record<string, number> = {
  "asphalt shingle": 22,
  "wood shake": 30,
  "flat membrane": 20,
  metal: 50,
  "concrete tile": 50,
  "clay tile": 60,
  slate: 100,
};
const UNKNOWN_LIFETIME_YEARS = 25;

export const roofLifetimeYears = (material: string | null): number =>
  LIFETIME_YEARS[material?.toLowerCase() ?? ""] ?? UNKNOWN_LIFETIME_YEARS;

/** Age of the roof in years, taking it as original to the building (no permit data says otherwise). */
export const roofAgeYears = (yearBuilt: number | null, currentYear: number): number | null =>
  yearBuilt === null ? null : Math.max(0, currentYear - yearBuilt);

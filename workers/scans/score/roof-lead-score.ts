import { HOT_THRESHOLD } from "../../leads/scoring";
import type { Enrichment } from "../../providers/enrichment/provider";
import type { RoofAnalysis } from "../../providers/roof/provider";
import type { Property } from "../catalog/catalog";
import { roofAgeYears, roofLifetimeYears } from "../roof-lifetime";
import { IMAGERY_FRESH_YEARS, IMAGERY_STALE_YEARS, STORM_DAYS_FOR_FULL_POINTS, VALUE_RANGE_USD, WEIGHTS, type FactorName } from "./weights";

/** One line of the score's explanation: what was looked at, what was found, what it earned. */
export interface ScoreFactor {
  factor: FactorName;
  label: string;
  /** Human-readable finding ("31 years (22-year asphalt shingle)"). */
  value: string;
  weight: number;
  points: number;
}

export interface RoofLeadScore {
  total: number;
  hot: boolean;
  factors: ScoreFactor[];
}

export interface RoofLeadInput {
  property: Property;
  roof: RoofAnalysis | null;
  enrichment: Enrichment;
}

const YEAR_MS = 365.25 * 86_400_000;
const clamp01 = (n: number) => Math.max(0, Math.min(1, n));

function factor(name: FactorName, label: string, value: string, share: number): ScoreFactor {
  const weight = WEIGHTS[name];
  return { factor: name, label, value, weight, points: Math.round(weight * clamp01(share) * 10) / 10 };
}

/** The explainable roof-lead score (weights and their reasons: weights.ts). Unknowns earn nothing. */
export function scoreRoofLead({ property, roof, enrichment }: RoofLeadInput, now = Date.now()): RoofLeadScore {
  const material = property.roofMaterial;
  const lifetime = roofLifetimeYears(material);
  const age = roofAgeYears(enrichment.yearBuilt, new Date(now).getUTCFullYear());
  const value = enrichment.assessedValue;
  const imageryAgeYears = roof?.imageryDate ? (now - Date.parse(roof.imageryDate)) / YEAR_MS : null;
  const factors = [
    factor(
      "roof_age",
      "Roof age",
      age === null ? "unknown" : `${age} years (${lifetime}-year ${material ?? "roof"})`,
      age === null ? 0 : age / lifetime,
    ),
    factor(
      "roof_condition",
      "Roof condition",
      roof?.condition == null ? "not assessed" : `${roof.condition}/100${roof.damage.length ? `: ${roof.damage.join(", ")}` : ""}`,
      roof?.condition == null ? 0 : (100 - roof.condition) / 100,
    ),
    factor(
      "storm_exposure",
      "Hail in the last 24 months",
      enrichment.stormEvents === 1 ? "1 storm day" : `${enrichment.stormEvents} storm days`,
      enrichment.stormEvents / STORM_DAYS_FOR_FULL_POINTS,
    ),
    factor(
      "owner_occupied",
      "Owner-occupied",
      enrichment.ownerOccupied === null ? "unknown" : enrichment.ownerOccupied ? "yes" : "no",
      enrichment.ownerOccupied ? 1 : 0,
    ),
    factor(
      "property_value",
      "Assessed value",
      value === null ? "unknown" : `$${value.toLocaleString("en-US")}`,
      value === null ? 0 : (value - VALUE_RANGE_USD.low) / (VALUE_RANGE_USD.high - VALUE_RANGE_USD.low),
    ),
    factor(
      "imagery_freshness",
      "Imagery date",
      roof?.imageryDate ? `${roof.imageryDate} (${imageryAgeYears!.toFixed(1)} years old)` : "unknown",
      imageryAgeYears === null ? 0 : 1 - (imageryAgeYears - IMAGERY_FRESH_YEARS) / (IMAGERY_STALE_YEARS - IMAGERY_FRESH_YEARS),
    ),
  ];
  const total = Math.round(
    Math.min(
      100,
      factors.reduce((sum, f) => sum + f.points, 0),
    ),
  );
  return { total, hot: total >= HOT_THRESHOLD, factors };
}

import type { LeadCreateInput } from "../leads/model";
import type { Enrichment } from "../providers/enrichment/provider";
import type { RoofAnalysis } from "../providers/roof/provider";
import type { Property } from "./catalog";

export interface ScoredProperty {
  property: Property;
  roof: RoofAnalysis | null;
  enrichment: Enrichment;
  score: { total: number; hot: boolean };
}

/**
 * The lead a scored property becomes: the owner (or the address) as its name, the phone only
 * when it is a valid number (`phone` is already E.164 or null), roofing as the trade and a
 * description that says why the roof was flagged.
 */
export function scanLeadInput({ property, roof, enrichment, score }: ScoredProperty, phone: string | null): LeadCreateInput {
  const facts = [`Area scan: roof score ${score.total}/100${score.hot ? " (hot)" : ""}.`];
  if (roof?.condition != null)
    facts.push(`Roof condition ${roof.condition}/100${roof.damage.length ? `, visible: ${roof.damage.join(", ")}` : ""}.`);
  const yearBuilt = enrichment.yearBuilt ?? property.yearBuilt;
  if (yearBuilt) facts.push(`Built ${yearBuilt}${property.roofMaterial ? `, ${property.roofMaterial} roof` : ""}.`);
  if (enrichment.stormEvents > 0)
    facts.push(`${enrichment.stormEvents} hail ${enrichment.stormEvents === 1 ? "event" : "events"} nearby in 24 months.`);
  if (roof?.imageryDate) facts.push(`Imagery of ${roof.imageryDate}.`);
  return {
    name: (enrichment.ownerName ?? property.ownerName ?? property.address).slice(0, 120),
    phone,
    email: enrichment.email?.toLowerCase() ?? null,
    address: property.address.slice(0, 200),
    postcode: property.postcode,
    lat: property.lat,
    lng: property.lng,
    trade: "roofing",
    description: facts.join(" "),
    source: "scan",
    status: "new",
    tags: ["scan"],
  };
}

import type { Property } from "../../scans/catalog/catalog";
import type { ContactSource, Enrichment, EnrichmentProvider, PropertyDetailsSource, StormSource } from "./provider";

/**
 * Property details, owner contact and storm exposure from their own sources, asked in parallel
 * and merged. What the details source lacks falls back to the catalog's attributes; any source
 * failing fails the enrichment (the caller retries), none is silently skipped.
 */
export class ComposedEnrichment implements EnrichmentProvider {
  readonly name: string;

  constructor(
    private readonly details: PropertyDetailsSource,
    private readonly contacts: ContactSource,
    private readonly storms: StormSource,
  ) {
    this.name = [details.name, contacts.name, storms.name].join("+");
  }

  async enrich(property: Property, signal?: AbortSignal): Promise<Enrichment> {
    const [details, contact, stormEvents] = await Promise.all([
      this.details.details(property, signal),
      this.contacts.contact(property, signal),
      this.storms.stormEvents(property, signal),
    ]);
    return {
      source: this.name,
      yearBuilt: details?.yearBuilt ?? property.yearBuilt,
      assessedValue: details?.assessedValue ?? property.value,
      ownerOccupied: details?.ownerOccupied ?? property.ownerOccupied,
      ownerName: details?.ownerName ?? property.ownerName,
      phone: contact?.phone ?? null,
      email: contact?.email ?? null,
      stormEvents,
    };
  }
}

import type { Property } from "../../scans/catalog/catalog";

/** Property and owner details beyond the catalog, and how to reach the owner. */
export interface Enrichment {
  source: string;
  yearBuilt: number | null;
  assessedValue: number | null;
  ownerOccupied: boolean | null;
  ownerName: string | null;
  phone: string | null;
  email: string | null;
  /** Hail/wind events near the property in the last 24 months. */
  stormEvents: number;
}

export interface EnrichmentProvider {
  readonly name: string;
  enrich(property: Property, signal?: AbortSignal): Promise<Enrichment>;
}

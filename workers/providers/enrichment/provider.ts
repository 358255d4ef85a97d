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

export type PropertyDetails = Pick<Enrichment, "yearBuilt" | "assessedValue" | "ownerOccupied" | "ownerName">;
export type OwnerContact = Pick<Enrichment, "phone" | "email">;

/** Public-record details of a property; null when the source has no record of it. */
export interface PropertyDetailsSource {
  readonly name: string;
  details(property: Property, signal?: AbortSignal): Promise<PropertyDetails | null>;
}

/** The owner's phone and email; null when no one matches. */
export interface ContactSource {
  readonly name: string;
  contact(property: Property, signal?: AbortSignal): Promise<OwnerContact | null>;
}

/** Storm days (hail) within about 2 km of the property over the last 24 months. */
export interface StormSource {
  readonly name: string;
  stormEvents(property: Property, signal?: AbortSignal): Promise<number>;
}

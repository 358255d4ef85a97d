import type { PolygonGeometry, Position } from "../geo";

/** A building in the property catalog. `id` is the catalog's stable external id. */
export interface Property {
  id: string;
  lat: number;
  lng: number;
  footprint: PolygonGeometry;
  yearBuilt: number | null;
  roofMaterial: string | null;
  /** Assessed value, whole US dollars. */
  value: number | null;
  ownerOccupied: boolean | null;
  ownerName: string | null;
  address: string;
  postcode: string | null;
}

/**
 * The property catalog: PostGIS through Hyperdrive when configured, D1 otherwise. A property
 * is in an area when its point (lat/lng) is; results are ordered by id.
 */
export interface PropertyCatalog {
  readonly kind: "postgres" | "d1";
  propertiesInPolygon(polygon: PolygonGeometry): Promise<Property[]>;
  countInPolygon(polygon: PolygonGeometry): Promise<number>;
  /** Within `metres` (great circle) of [lng, lat]. */
  propertiesWithinRadius(point: Position, metres: number): Promise<Property[]>;
  /** Releases the connection (Postgres); call through waitUntil at the end of a request. */
  close(): Promise<void>;
}

export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

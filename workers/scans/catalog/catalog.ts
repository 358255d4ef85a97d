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
  /** The properties with these external ids (unknown ids are left out), ordered by id. */
  propertiesByIds(ids: string[]): Promise<Property[]>;
  /** Within `metres` (great circle) of [lng, lat]. */
  propertiesWithinRadius(point: Position, metres: number): Promise<Property[]>;
  /** Releases the connection (Postgres); call through waitUntil at the end of a request. */
  close(): Promise<void>;
}

/** A catalog row as both stores return it (Postgres may send numerics as strings, D1 booleans as 0/1). */
export interface PropertyRow {
  external_id: string;
  lat: number | string;
  lng: number | string;
  footprint: string;
  year_built: number | null;
  roof_material: string | null;
  value: number | string | null;
  owner_occupied: boolean | number | null;
  owner_name: string | null;
  address: string;
  postcode: string | null;
}

export const toProperty = (r: PropertyRow): Property => ({
  id: r.external_id,
  lat: Number(r.lat),
  lng: Number(r.lng),
  footprint: JSON.parse(r.footprint) as PolygonGeometry,
  yearBuilt: r.year_built,
  roofMaterial: r.roof_material,
  value: r.value === null ? null : Number(r.value),
  ownerOccupied: r.owner_occupied === null ? null : Boolean(r.owner_occupied),
  ownerName: r.owner_name,
  address: r.address,
  postcode: r.postcode,
});

export const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

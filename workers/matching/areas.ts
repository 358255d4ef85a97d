import { normalizeCity, normalizePostcode, type AreaRow } from "../pros/repository";

export interface JobLocation {
  postcode?: string | null;
  city?: string | null;
  lat?: number | null;
  lng?: number | null;
  /** How lat/lng were found, for the explanation ("ZIP 78704 centroid", "location pin"). */
  locatedBy?: string | null;
}

export interface RadiusArea {
  baseLat: number | null;
  baseLng: number | null;
  radiusKm: number | null;
}

/**
 * Whether a pro covers the job's location, and how: a listed postcode (a listed prefix such as
 * "NW3" or "787" covers every code under it), a listed city, or the radius around the base.
 */
export function coverage(areas: AreaRow[], radius: RadiusArea, job: JobLocation): string | null {
  const postcode = job.postcode ? normalizePostcode(job.postcode) : null;
  if (postcode) {
    const hit = areas.find((a) => a.kind === "postcode" && postcode.startsWith(a.value));
    if (hit) return `covers postcode ${hit.value}`;
  }
  const city = job.city ? normalizeCity(job.city) : null;
  if (city && areas.some((a) => a.kind === "city" && a.value === city)) return `covers ${job.city}`;
  if (job.lat != null && job.lng != null && radius.baseLat != null && radius.baseLng != null && radius.radiusKm != null) {
    const km = distanceKm(radius.baseLat, radius.baseLng, job.lat, job.lng);
    if (km <= radius.radiusKm)
      return `${km.toFixed(1)} km from base (radius ${radius.radiusKm} km${job.locatedBy ? `; job located by ${job.locatedBy}` : ""})`;
  }
  return null;
}

/** Great-circle distance (haversine), in kilometres. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

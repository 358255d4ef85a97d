import { cityKey } from "./city-key";
import { UK_AREAS } from "./data/uk-areas";
import zipTable from "./data/us-zips.json";

export { cityKey };

/** A place the project knows without a network: a US ZIP centroid or a UK postcode area's town. */
export interface Place {
  city: string;
  /** US state code, or "" in the UK. */
  region: string;
  postcode: string;
  country: "US" | "GB";
  lat: number;
  lng: number;
}

// Loading is one JSON.parse (by the bundle); lookups read the strings in place.
const table: { cities: Record<string, string>; zips: string } = zipTable;
const ZIP_RECORD = 9;

// Cities looked up by name or ZIP, parsed once (bounded: a full scan for reverse geocoding bypasses it).
const parsedCities = new Map<string, Place[]>();
const CACHED_CITIES = 2_000;

function cachedPlacesOf(key: string): Place[] {
  let places = parsedCities.get(key);
  if (!places) {
    if (parsedCities.size >= CACHED_CITIES) parsedCities.clear();
    places = placesOf(key);
    parsedCities.set(key, places);
  }
  return places;
}

/** A city key's places: "TX|Austin|78701 30271 -97743,…;MN|Austin|…" → one Place per ZIP. */
function placesOf(key: string): Place[] {
  const entry = table.cities[key];
  if (!entry) return [];
  return entry.split(";").flatMap((group) => {
    const [region, city, rows] = group.split("|") as [string, string, string];
    return rows.split(",").map((row) => {
      const [zip, lat, lng] = row.split(" ") as [string, string, string];
      return { city, region, postcode: zip, country: "US" as const, lat: Number(lat) / 1000, lng: Number(lng) / 1000 };
    });
  });
}

const ukTowns = (key: string): Place[] =>
  UK_AREAS.filter(([, town]) => cityKey(town) === key).map(([area, town, lat, lng]) => ({
    city: town,
    region: "",
    postcode: area,
    country: "GB",
    lat,
    lng,
  }));

let keys: string[] | null = null;
const cityKeys = () => (keys ??= Object.keys(table.cities));

let byInitial: Map<string, string[]> | null = null;
/** City keys by first letter, for typo matching; built on the first typo. */
function initials(): Map<string, string[]> {
  if (byInitial) return byInitial;
  const map = new Map<string, string[]>();
  for (const key of [...cityKeys(), ...UK_AREAS.map(([, town]) => cityKey(town))]) {
    const list = map.get(key[0]!);
    if (list) list.push(key);
    else map.set(key[0]!, [key]);
  }
  byInitial = map;
  return map;
}

/** The ZIP's centroid and city: a binary search over the fixed-width ZIP records. */
export function usZip(zip: string): Place | null {
  const wanted = zip.slice(0, 5);
  let low = 0;
  let high = table.zips.length / ZIP_RECORD - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = table.zips.slice(mid * ZIP_RECORD, mid * ZIP_RECORD + 5);
    if (at === wanted) {
      const key = cityKeys()[Number.parseInt(table.zips.slice(mid * ZIP_RECORD + 5, (mid + 1) * ZIP_RECORD), 36)]!;
      return cachedPlacesOf(key).find((p) => p.postcode === wanted) ?? null;
    }
    if (at < wanted) low = mid + 1;
    else high = mid - 1;
  }
  return null;
}

/** The UK postcode area of a postcode ("NW3 4AB" → NW, London). */
export function ukArea(postcode: string): Place | null {
  const area = postcode.toUpperCase().match(/^[A-Z]{1,2}/)?.[0];
  const row = area ? UK_AREAS.find(([code]) => code === area) : undefined;
  return row ? { city: row[1], region: "", postcode: row[0], country: "GB", lat: row[2], lng: row[3] } : null;
}

/**
 * The places called `name` (exactly, or with `fuzzy` one typo away when it has 5 letters or more),
 * in the state or country given when one is. Several ZIPs of one city come back together.
 */
export function placesNamed(name: string, within: { region?: string; country?: "US" | "GB" } = {}, fuzzy = true): Place[] {
  const key = cityKey(name);
  if (!key) return [];
  const fits = (p: Place) => (!within.region || p.region === within.region) && (!within.country || p.country === within.country);
  const exact = [...cachedPlacesOf(key), ...ukTowns(key)].filter(fits);
  if (exact.length || key.length < 5 || !fuzzy) return exact;
  const near = (initials().get(key[0]!) ?? []).filter(
    (candidate) => Math.abs(candidate.length - key.length) <= 1 && oneEdit(candidate, key),
  );
  return [...new Set(near)].flatMap((candidate) => [...cachedPlacesOf(candidate), ...ukTowns(candidate)].filter(fits));
}

/** The centre of a city's ZIPs: the mean of their centroids. */
export function centreOf(places: Place[]): { lat: number; lng: number } {
  const lat = places.reduce((sum, p) => sum + p.lat, 0) / places.length;
  const lng = places.reduce((sum, p) => sum + p.lng, 0) / places.length;
  return { lat, lng };
}

/** Of several places with one name, the one with the most ZIPs (Austin, TX rather than Austin, AR), at its centre. */
export function mainPlace(places: Place[]): Place | null {
  const groups = new Map<string, Place[]>();
  for (const p of places) {
    const group = `${p.city}|${p.region}|${p.country}`;
    groups.set(group, [...(groups.get(group) ?? []), p]);
  }
  const [best] = [...groups.values()].sort((a, b) => b.length - a.length);
  return best ? { ...best[0]!, ...centreOf(best) } : null;
}

/** The US ZIP or UK postcode area whose centre is closest to the point (a full scan: reverse geocoding is rare). */
export function nearestPlace(lat: number, lng: number): { place: Place; km: number } {
  let best: Place | null = null;
  let bestKm = Number.POSITIVE_INFINITY;
  const consider = (place: Place) => {
    const km = roughKm(lat, lng, place.lat, place.lng);
    if (km < bestKm) [best, bestKm] = [place, km];
  };
  for (const key of cityKeys()) placesOf(key).forEach(consider);
  for (const [area, town, aLat, aLng] of UK_AREAS)
    consider({ city: town, region: "", postcode: area, country: "GB", lat: aLat, lng: aLng });
  return { place: best!, km: bestKm };
}

/** Equirectangular distance: exact enough to pick the nearest centroid, and cheap. */
function roughKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const x = (lng2 - lng1) * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  return Math.hypot(x, lat2 - lat1) * 111.32;
}

/** True when a and b differ by one insertion, deletion, substitution or swap of neighbours. */
export function oneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

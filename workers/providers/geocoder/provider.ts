/** What is known of a job's place, as parsed from the customer's words. */
export interface GeocodeQuery {
  /** Number and street (and unit), e.g. "14 Barton Skyway". */
  line?: string;
  city?: string;
  /** US state code or a county. */
  region?: string;
  postcode?: string;
  country?: "US" | "GB";
}

/** A point with the address it stands for. */
export interface Geocode {
  lat: number;
  lng: number;
  /** Number and street, when the point is a known address. */
  line: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  /** How close the point is to the place: the building, its street, its postcode, its city. */
  precision: "address" | "street" | "postcode" | "city";
  /** In words, for the matching explanation: "the catalog address", "ZIP 78704 centroid", "Google (ROOFTOP)". */
  basis: string;
}

/** Forward geocoding (words → point) and reverse (a location pin → the nearest known address). */
export interface Geocoder {
  readonly name: string;
  /** Null when nothing matches. */
  forward(query: GeocodeQuery, signal?: AbortSignal): Promise<Geocode | null>;
  /** Null when nothing is known near the point. */
  reverse(lat: number, lng: number, signal?: AbortSignal): Promise<Geocode | null>;
}

/** "14 Barton Skyway, Austin, TX 78704". */
export function formatAddress(place: Pick<Geocode, "line" | "city" | "region" | "postcode">): string {
  const tail = [place.region, place.postcode].filter(Boolean).join(" ");
  return [place.line, place.city, tail].filter(Boolean).join(", ");
}

import type { Env } from "../../env";
import { catalogAddressBook } from "./catalog-addresses";
import { GoogleGeocoder } from "./google";
import { LocalGeocoder } from "./local";
import type { Geocoder } from "./provider";

export type { Geocode, GeocodeQuery, Geocoder } from "./provider";

/** Google Geocoding when GOOGLE_MAPS_API_KEY is set; otherwise the local geocoder (catalog + shipped centroids), in any environment. */
export function geocoder(env: Env): Geocoder {
  if (env.GOOGLE_MAPS_API_KEY) return new GoogleGeocoder(env.GOOGLE_MAPS_API_KEY, env.GOOGLE_MAPS_URL || undefined);
  return new LocalGeocoder(catalogAddressBook(env.DB));
}

import { mainPlace, nearestPlace, placesNamed, ukArea, usZip } from "../../addresses/gazetteer";
import type { AddressBook, KnownAddress } from "./catalog-addresses";
import type { Geocode, GeocodeQuery, Geocoder } from "./provider";

/** A pin this close to a catalog property is that property. */
const SAME_BUILDING_M = 150;
/** Beyond this from every ZIP centroid, a pin is somewhere the project knows nothing about. */
const NEAREST_ZIP_KM = 25;

/**
 * Geocoding without a network: the property catalog for exact addresses, then the shipped ZIP
 * centroid table (US) or postcode-area towns (UK), then city centres. A real answerer, so it
 * also runs in production when no Google key is set; its answers say how precise they are.
 */
export class LocalGeocoder implements Geocoder {
  readonly name = "local";

  constructor(private readonly book: AddressBook) {}

  async forward(query: GeocodeQuery): Promise<Geocode | null> {
    const zip = query.postcode && query.country !== "GB" ? usZip(query.postcode) : null;
    const area = query.postcode && !zip ? ukArea(query.postcode) : null;
    const cities = query.city
      ? placesNamed(query.city, { region: query.region?.length === 2 ? query.region : undefined, country: query.country })
      : [];
    const city = mainPlace(cities);
    const base = {
      line: query.line ?? null,
      city: query.city ?? zip?.city ?? null,
      region: query.region ?? zip?.region ?? (city?.region || null),
      postcode: query.postcode ?? null,
    };
    if (query.line) {
      const near = zip ?? city ?? undefined;
      const known = await this.book.find(query.line, { postcode: query.postcode, lat: near?.lat, lng: near?.lng });
      if (known) return { ...base, ...fromCatalog(known), line: query.line, precision: "address", basis: "the property catalog" };
    }
    if (zip) return { ...base, lat: zip.lat, lng: zip.lng, precision: "postcode", basis: `ZIP ${zip.postcode} centroid` };
    if (area) return { ...base, lat: area.lat, lng: area.lng, precision: "city", basis: `postcode area ${area.postcode} (${area.city})` };
    if (city)
      return {
        ...base,
        lat: city.lat,
        lng: city.lng,
        precision: "city",
        basis: `${city.city}${city.region ? `, ${city.region}` : ""} city centre`,
      };
    return null;
  }

  async reverse(lat: number, lng: number): Promise<Geocode | null> {
    const known = await this.book.nearest(lat, lng, SAME_BUILDING_M);
    if (known)
      return { ...fromCatalog(known), precision: "address", basis: `nearest catalog address (${Math.round(known.metres ?? 0)} m)` };
    const { place, km } = nearestPlace(lat, lng);
    if (km > NEAREST_ZIP_KM) return null;
    return {
      lat,
      lng,
      line: null,
      city: place.city,
      region: place.region || null,
      postcode: place.country === "US" ? place.postcode : null,
      precision: place.country === "US" ? "postcode" : "city",
      basis: `nearest ${place.country === "US" ? "ZIP" : "postcode area"} ${place.postcode} (${km.toFixed(1)} km)`,
    };
  }
}

/** "1234 Sample Oak Ln, Austin, TX" → its parts. */
function fromCatalog(known: KnownAddress): Pick<Geocode, "lat" | "lng" | "line" | "city" | "region" | "postcode"> {
  const [line, city, region] = known.address.split(",").map((part) => part.trim());
  return { lat: known.lat, lng: known.lng, line: line ?? null, city: city ?? null, region: region ?? null, postcode: known.postcode };
}

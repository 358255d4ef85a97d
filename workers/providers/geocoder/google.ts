import type { Geocode, GeocodeQuery, Geocoder } from "./provider";

interface GoogleComponent {
  long_name: string;
  short_name: string;
  types: string[];
}
interface GoogleResult {
  address_components: GoogleComponent[];
  geometry: { location: { lat: number; lng: number }; location_type: string };
  types: string[];
}
interface GoogleAnswer {
  status: string;
  results?: GoogleResult[];
  error_message?: string;
}

const PRECISION: Record<string, Geocode["precision"]> = { ROOFTOP: "address", RANGE_INTERPOLATED: "street", GEOMETRIC_CENTER: "street" };

/** Google Geocoding API (https://developers.google.com/maps/documentation/geocoding), forward and reverse. */
export class GoogleGeocoder implements Geocoder {
  readonly name = "google-geocoding";

  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "https://maps.googleapis.com",
  ) {}

  async forward(query: GeocodeQuery, signal?: AbortSignal): Promise<Geocode | null> {
    const address = [query.line, query.city, query.region].filter(Boolean).join(", ");
    // Components restrict the search: the postcode and country the customer gave are facts, not hints.
    const components = [query.postcode ? `postal_code:${query.postcode}` : null, query.country ? `country:${query.country}` : null]
      .filter(Boolean)
      .join("|");
    if (!address && !components) return null;
    const params = new URLSearchParams({ key: this.apiKey });
    if (address) params.set("address", address);
    if (components) params.set("components", components);
    return this.first(await this.get(params, signal));
  }

  async reverse(lat: number, lng: number, signal?: AbortSignal): Promise<Geocode | null> {
    const params = new URLSearchParams({ latlng: `${lat},${lng}`, key: this.apiKey });
    return this.first(await this.get(params, signal));
  }

  private async get(params: URLSearchParams, signal?: AbortSignal): Promise<GoogleAnswer> {
    const response = await fetch(`${this.baseUrl}/maps/api/geocode/json?${params}`, { signal: signal ?? AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`Google Geocoding ${response.status}: ${(await response.text()).slice(0, 200)}`);
    const answer = (await response.json()) as GoogleAnswer;
    if (answer.status !== "OK" && answer.status !== "ZERO_RESULTS")
      throw new Error(`Google Geocoding ${answer.status}: ${answer.error_message ?? "no message"}`);
    return answer;
  }

  private first(answer: GoogleAnswer): Geocode | null {
    const result = answer.results?.[0];
    if (!result) return null;
    const part = (type: string, short = false) => {
      const component = result.address_components.find((c) => c.types.includes(type));
      return component ? (short ? component.short_name : component.long_name) : null;
    };
    const number = part("street_number");
    const route = part("route");
    const locationType = result.geometry.location_type;
    const precision = PRECISION[locationType] ?? (result.types.includes("postal_code") ? "postcode" : route ? "street" : ("city" as const));
    return {
      lat: result.geometry.location.lat,
      lng: result.geometry.location.lng,
      line: route ? [number, route].filter(Boolean).join(" ") : null,
      // UK addresses name their town as the postal town; US ones as the locality.
      city: part("postal_town") ?? part("locality") ?? part("sublocality"),
      region: part("administrative_area_level_1", true),
      postcode: part("postal_code"),
      precision: number && precision === "street" ? "address" : precision,
      basis: `Google (${locationType})`,
    };
  }
}

import { listen, reply } from "./http";

interface Known {
  number: string;
  route: string;
  city: string;
  cityType: "locality" | "postal_town";
  region: [string, string] | null;
  postcode: string;
  country: [string, string];
  lat: number;
  lng: number;
}

// The addresses this fake knows; tests use the same ones.
export const GEOCODING_FIXTURES: Known[] = [
  {
    number: "14",
    route: "Barton Skyway",
    city: "Austin",
    cityType: "locality",
    region: ["Texas", "TX"],
    postcode: "78704",
    country: ["United States", "US"],
    lat: 30.2554,
    lng: -97.7821,
  },
  {
    number: "221B",
    route: "Baker Street",
    city: "London",
    cityType: "postal_town",
    region: ["England", "England"],
    postcode: "NW1 6XE",
    country: ["United Kingdom", "GB"],
    lat: 51.5238,
    lng: -0.1586,
  },
];

const component = (long: string, short: string, ...types: string[]) => ({ long_name: long, short_name: short, types });

function result(known: Known, level: "address" | "postcode") {
  const address = [
    ...(level === "address" ? [component(known.number, known.number, "street_number"), component(known.route, known.route, "route")] : []),
    component(known.city, known.city, known.cityType, "political"),
    ...(known.region ? [component(known.region[0], known.region[1], "administrative_area_level_1", "political")] : []),
    component(known.country[0], known.country[1], "country", "political"),
    component(known.postcode, known.postcode, "postal_code"),
  ];
  return {
    address_components: address,
    formatted_address: `${level === "address" ? `${known.number} ${known.route}, ` : ""}${known.city}, ${known.postcode}`,
    geometry: { location: { lat: known.lat, lng: known.lng }, location_type: level === "address" ? "ROOFTOP" : "APPROXIMATE" },
    place_id: `fake-${known.postcode}-${level}`,
    types: level === "address" ? ["street_address"] : ["postal_code"],
  };
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * A contract fake of the Google Geocoding API (GET /maps/api/geocode/json) on loopback: forward
 * by `address` and/or `components` (postal_code, country), reverse by `latlng`. As Google does,
 * every answer is HTTP 200 with a `status`: OK, ZERO_RESULTS, REQUEST_DENIED (bad key),
 * INVALID_REQUEST (nothing to look up), OVER_QUERY_LIMIT (an address containing "overquota").
 */
export function startGoogleGeocodingFake(port = 0) {
  return listen((req, _raw, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method !== "GET" || url.pathname !== "/maps/api/geocode/json") return reply(res, 404, { error: "not found" });
    const q = url.searchParams;
    if (!/^AIza[\w-]{10,}$/.test(q.get("key") ?? ""))
      return reply(res, 200, { results: [], status: "REQUEST_DENIED", error_message: "The provided API key is invalid." });
    const latlng = q.get("latlng");
    if (latlng) {
      const [lat, lng] = latlng.split(",").map(Number) as [number, number];
      if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
        return reply(res, 200, { results: [], status: "INVALID_REQUEST", error_message: "Invalid request. Invalid 'latlng' parameter." });
      const near = GEOCODING_FIXTURES.find((k) => Math.abs(k.lat - lat) < 0.01 && Math.abs(k.lng - lng) < 0.01);
      return reply(res, 200, near ? { results: [result(near, "address")], status: "OK" } : { results: [], status: "ZERO_RESULTS" });
    }
    const address = q.get("address") ?? "";
    const components = Object.fromEntries(
      (q.get("components") ?? "")
        .split("|")
        .filter(Boolean)
        .map((c) => c.split(":") as [string, string]),
    );
    if (!address && !Object.keys(components).length)
      return reply(res, 200, {
        results: [],
        status: "INVALID_REQUEST",
        error_message: "Invalid request. Missing the 'address', 'components', 'latlng' or 'place_id' parameter.",
      });
    if (address.includes("overquota"))
      return reply(res, 200, {
        results: [],
        status: "OVER_QUERY_LIMIT",
        error_message: "You have exceeded your daily request quota for this API.",
      });
    const fits = (k: Known) =>
      (!components.country || components.country.toUpperCase() === k.country[1]) &&
      (!components.postal_code || squash(components.postal_code) === squash(k.postcode));
    const exact = GEOCODING_FIXTURES.find((k) => fits(k) && address && squash(address).startsWith(squash(`${k.number} ${k.route}`)));
    if (exact) return reply(res, 200, { results: [result(exact, "address")], status: "OK" });
    const byPostcode = components.postal_code ? GEOCODING_FIXTURES.find(fits) : undefined;
    return reply(
      res,
      200,
      byPostcode ? { results: [result(byPostcode, "postcode")], status: "OK" } : { results: [], status: "ZERO_RESULTS" },
    );
  }, port);
}

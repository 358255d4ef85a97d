import { parseAddress } from "../addresses/parse";
import type { JobDetails } from "../conversation-engine/engine";
import type { Env } from "../env";
import { log } from "../http/log";
import { geocoder } from "../providers/geocoder";
import { formatAddress, type Geocode } from "../providers/geocoder/provider";

export const PIN = "location pin";
const PLACE_KEYS = ["address", "city", "region", "postcode"] as const;

/**
 * Where the job is, after a change: an address typed in one piece (as Claude saves it) is split
 * into its parts, a bare location pin becomes the nearest known address, and words become a
 * point (lat/lng, with how it was found). A geocoder failure leaves the words as they are:
 * matching by postcode and city still works without a point.
 */
export async function locateJob(env: Env, before: JobDetails, job: JobDetails, country: string): Promise<JobDetails> {
  const next = { ...job };
  if (next.address && next.address !== before.address) {
    const parsed = parseAddress(next.address, country, { expected: true });
    if (parsed?.line) next.address = parsed.line;
    if (parsed?.city) next.city = parsed.city;
    if (parsed?.region) next.region = parsed.region;
    if (parsed?.postcode) next.postcode = parsed.postcode;
  }
  const pinMoved = next.locatedBy?.startsWith(PIN) && (next.lat !== before.lat || next.lng !== before.lng);
  const wordsChanged = PLACE_KEYS.some((key) => next[key] !== before[key]);
  try {
    if (pinMoved && next.lat !== undefined && next.lng !== undefined) {
      const found = next.address && next.address !== before.address ? null : await geocoder(env).reverse(next.lat, next.lng);
      if (found) Object.assign(next, placeOf(found), { locatedBy: `${PIN} (${found.basis})` });
    } else if (wordsChanged && !next.locatedBy?.startsWith(PIN)) {
      const found = await geocoder(env).forward({
        line: next.address,
        city: next.city,
        region: next.region,
        postcode: next.postcode,
        country: country === "GB" || country === "US" ? country : undefined,
      });
      if (found) {
        Object.assign(next, { lat: found.lat, lng: found.lng, locatedBy: found.basis });
        next.city ??= found.city ?? undefined;
        next.region ??= found.region ?? undefined;
        next.postcode ??= found.postcode ?? undefined;
      } else if (before.locatedBy) {
        // The words moved somewhere nothing is known about: the old point no longer stands for them.
        delete next.lat;
        delete next.lng;
        delete next.locatedBy;
      }
    }
  } catch (error) {
    log("warn", "geocoding failed; matching uses the words only", { error: String(error).slice(0, 200) });
  }
  return next;
}

/** The address fields of a reverse-geocoded pin: its street line, or "Near Austin, TX 78701". */
function placeOf(found: Geocode): JobDetails {
  const place: JobDetails = { address: found.line ?? `Near ${formatAddress({ ...found, line: null })}` };
  if (found.city) place.city = found.city;
  if (found.region) place.region = found.region;
  if (found.postcode) place.postcode = found.postcode;
  return place;
}

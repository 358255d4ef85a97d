import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** E.164 form of `raw` (national numbers read in the tenant's country), or null when it is not a phone number. */
export function toE164(raw: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

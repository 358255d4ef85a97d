import type { Property } from "../../scans/catalog/catalog";

export interface AddressParts {
  street: string;
  city: string;
  state: string;
  zip: string;
}

/** "123 Main St, Austin, TX" + postcode → its parts, as the US property-data APIs take them. */
export function addressParts(property: Property): AddressParts {
  const [street = "", ...rest] = property.address.split(",").map((part) => part.trim());
  const last = rest.at(-1) ?? "";
  const stateZip = last.match(/^([A-Za-z]{2})(?:\s+(\d{5}(?:-\d{4})?))?$/);
  const city = stateZip ? rest.slice(0, -1).join(", ") : rest.join(", ");
  return { street, city, state: stateZip?.[1]?.toUpperCase() ?? "", zip: property.postcode ?? stateZip?.[2] ?? "" };
}

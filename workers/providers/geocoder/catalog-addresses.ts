import { d1Catalog } from "../../scans/catalog/d1";
import { bboxAround, distanceMetres } from "../../scans/geo";
import { houseNumber, normalizeStreetAddress } from "../../scans/street-address";

export interface KnownAddress {
  lat: number;
  lng: number;
  /** As the catalog writes it: "1234 Sample Oak Ln, Austin, TX". */
  address: string;
  postcode: string | null;
  metres?: number;
}

/** Addresses the property catalog knows, for the local geocoder. */
export interface AddressBook {
  /** The property at this street line, in the postcode or within 30 km of the point. */
  find(line: string, near: { postcode?: string; lat?: number; lng?: number }): Promise<KnownAddress | null>;
  /** The closest property within `metres` of the point. */
  nearest(lat: number, lng: number, metres: number): Promise<KnownAddress | null>;
}

const SEARCH_KM = 30;

/** The catalog on D1: by postcode (indexed) or around a point (rtree), compared by normalised street line. */
export function catalogAddressBook(db: D1Database): AddressBook {
  return {
    async find(line, near) {
      const wanted = normalizeStreetAddress(line);
      const number = wanted ? houseNumber(wanted) : null;
      if (!wanted || !number) return null;
      const prefix = `${number} %`;
      let rows: KnownAddress[] = [];
      if (near.postcode) {
        const { results } = await db
          .prepare("SELECT lat, lng, address, postcode FROM properties WHERE postcode = ?1 AND address LIKE ?2 LIMIT 200")
          .bind(near.postcode, prefix)
          .all<KnownAddress>();
        rows = results;
      } else if (near.lat !== undefined && near.lng !== undefined) {
        const box = bboxAround([near.lng, near.lat], SEARCH_KM * 1000);
        const { results } = await db
          .prepare(
            "SELECT p.lat, p.lng, p.address, p.postcode FROM properties_rtree r JOIN properties p ON p.id = r.id WHERE r.max_lng >= ?1 AND r.min_lng <= ?2 AND r.max_lat >= ?3 AND r.min_lat <= ?4 AND p.address LIKE ?5 LIMIT 200",
          )
          .bind(box.minLng, box.maxLng, box.minLat, box.maxLat, prefix)
          .all<KnownAddress>();
        rows = results;
      }
      return rows.find((row) => normalizeStreetAddress(row.address) === wanted) ?? null;
    },

    async nearest(lat, lng, metres) {
      const around = await d1Catalog(db).propertiesWithinRadius([lng, lat], metres);
      let best: KnownAddress | null = null;
      for (const p of around) {
        const distance = distanceMetres([lng, lat], [p.lng, p.lat]);
        if (!best || distance < best.metres!) best = { lat: p.lat, lng: p.lng, address: p.address, postcode: p.postcode, metres: distance };
      }
      return best;
    },
  };
}

import { stableHash } from "../../lib/stable-hash";
import type { Property } from "../../scans/catalog/catalog";
import type { Position } from "../../scans/geo";
import type { ContactSource, OwnerContact, PropertyDetails, PropertyDetailsSource, StormSource } from "./provider";

/** The catalog's own (fictitious) sample attributes stand in for public records. */
export class SamplePropertyDetails implements PropertyDetailsSource {
  readonly name = "sample-attributes";

  async details(property: Property): Promise<PropertyDetails> {
    return {
      yearBuilt: property.yearBuilt,
      assessedValue: property.value,
      ownerOccupied: property.ownerOccupied,
      ownerName: property.ownerName,
    };
  }
}

/**
 * Owner-occupied sample homes get a contact that cannot reach anyone: 555-01xx numbers (reserved
 * for fiction in the North American plan) and example.com addresses (reserved by RFC 2606).
 */
export class FictitiousContacts implements ContactSource {
  readonly name = "fictitious-contacts";

  async contact(property: Property): Promise<OwnerContact | null> {
    if (!property.ownerOccupied) return null;
    const n = stableHash(property.id) % 100;
    return { phone: `+1512555${String(100 + n).padStart(4, "0")}`, email: `owner-${property.id}@example.com` };
  }
}

/**
 * A made-up hail history over part of the Austin sample area: storm tracks, each laying a swath
 * of damaging hail as wide as its half-width on both sides. A property counts one event per
 * swath it lies in, so some blocks have none, some one, where swaths cross two or three.
 */
export const SAMPLE_HAIL_SWATHS: { from: Position; to: Position; halfWidthM: number }[] = [
  { from: [-97.775, 30.25], to: [-97.735, 30.285], halfWidthM: 500 },
  { from: [-97.77, 30.262], to: [-97.72, 30.27], halfWidthM: 350 },
  { from: [-97.755, 30.24], to: [-97.748, 30.29], halfWidthM: 250 },
];

/** Metres from a point to a segment, on a plane tangent at the point (fine over a few km). */
function metresToSegment([lng, lat]: Position, from: Position, to: Position): number {
  const mPerDegLat = 111_320;
  const mPerDegLng = mPerDegLat * Math.cos((lat * Math.PI) / 180);
  const [ax, ay] = [(from[0] - lng) * mPerDegLng, (from[1] - lat) * mPerDegLat];
  const [bx, by] = [(to[0] - lng) * mPerDegLng, (to[1] - lat) * mPerDegLat];
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy)));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

export class SampleHailSwaths implements StormSource {
  readonly name = "sample-hail-swaths";

  async stormEvents(property: Property): Promise<number> {
    return SAMPLE_HAIL_SWATHS.filter((s) => metresToSegment([property.lng, property.lat], s.from, s.to) <= s.halfWidthM).length;
  }
}

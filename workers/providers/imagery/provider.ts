import type { Property } from "../../scans/catalog/catalog";

/** An aerial image of a property. */
export interface AerialImage {
  bytes: Uint8Array;
  contentType: string;
  /** When the imagery was captured (ISO date), when the provider says. */
  capturedAt: string | null;
  source: string;
}

export interface ImageryProvider {
  readonly name: string;
  /** Top-down image centred on the property; null when the provider has none there. */
  fetch(property: Property, signal?: AbortSignal): Promise<AerialImage | null>;
}

import type { Property } from "../../scans/catalog/catalog";
import type { AerialImage, ImageryProvider } from "./provider";

// Where Google has no aerial imagery it still answers 200 with a flat grey "no imagery" tile,
// which compresses to a few kilobytes; a real 640×640 satellite tile is tens of kilobytes.
const NO_IMAGERY_MAX_BYTES = 6_000;

/** Google Maps Static API, satellite map type, zoom 20 (≈ 0.13 m/px at Austin's latitude). */
export class GoogleStaticImagery implements ImageryProvider {
  readonly name = "google-static-maps";

  constructor(
    private readonly apiKey: string,
    private readonly baseUrl = "https://maps.googleapis.com",
  ) {}

  async fetch(property: Property, signal?: AbortSignal): Promise<AerialImage | null> {
    const query = new URLSearchParams({
      center: `${property.lat},${property.lng}`,
      zoom: "20",
      size: "640x640",
      maptype: "satellite",
      key: this.apiKey,
    });
    const response = await fetch(`${this.baseUrl}/maps/api/staticmap?${query}`, { signal: signal ?? AbortSignal.timeout(15_000) });
    const contentType = response.headers.get("Content-Type")?.split(";")[0]?.trim() ?? "";
    if (!response.ok) {
      // Errors come back as plain text ("The Google Maps Platform server rejected your request…").
      const detail = contentType.startsWith("text/") ? (await response.text()).slice(0, 200) : contentType;
      throw new Error(`Google Static Maps ${response.status}: ${detail}`);
    }
    if (contentType !== "image/png" && contentType !== "image/jpeg")
      throw new Error(`Google Static Maps answered ${contentType || "no content type"}, not an image`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length <= NO_IMAGERY_MAX_BYTES) return null;
    // The Static API does not say when its imagery was captured; the Solar API does.
    return { bytes, contentType, capturedAt: null, source: this.name };
  }
}

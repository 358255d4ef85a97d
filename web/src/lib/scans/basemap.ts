// The optional basemap: a raster tile URL template ({z}/{x}/{y}) kept in this browser only.
// Without one the map is fully offline (background + our GeoJSON layers).
const KEY = "homeline.scans.basemap";

export function loadBasemapUrl(): string | null {
  return localStorage.getItem(KEY) || null;
}

export function saveBasemapUrl(url: string | null): void {
  if (url) localStorage.setItem(KEY, url);
  else localStorage.removeItem(KEY);
}

/** An http(s) URL with {z}, {x} and {y}: what maplibre's raster source expects. */
export function isTileTemplate(url: string): boolean {
  try {
    const parsed = new URL(url.replace(/\{[xyz]\}/g, "0"));
    return (parsed.protocol === "https:" || parsed.protocol === "http:") && ["{z}", "{x}", "{y}"].every((part) => url.includes(part));
  } catch {
    return false;
  }
}

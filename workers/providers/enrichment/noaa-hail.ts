import type { Property } from "../../scans/catalog/catalog";
import { bboxAround, distanceMetres } from "../../scans/geo";
import type { StormSource } from "./provider";

export const STORM_RADIUS_M = 2_000;
// Hail of an inch and more is NWS "severe" and where shingle damage starts.
const DAMAGING_HAIL_INCHES = 1;
const LOOKBACK_DAYS = 730;
// SWDI answers at most 31 days per query.
const WINDOW_DAYS = 31;
const PARALLEL = 6;
const DAY_MS = 86_400_000;

interface SwdiHail {
  ZTIME?: string;
  MAXSIZE?: string | number;
  SHAPE?: string;
}

const yyyymmdd = (ms: number) => new Date(ms).toISOString().slice(0, 10).replaceAll("-", "");

/** [start, end] day pairs covering the last 24 months in SWDI-sized windows. */
export function swdiWindows(now: number): [string, string][] {
  const windows: [string, string][] = [];
  for (let end = now; end > now - LOOKBACK_DAYS * DAY_MS; end -= WINDOW_DAYS * DAY_MS) {
    const start = Math.max(end - (WINDOW_DAYS - 1) * DAY_MS, now - (LOOKBACK_DAYS - 1) * DAY_MS);
    windows.push([yyyymmdd(start), yyyymmdd(end)]);
  }
  return windows;
}

/**
 * NOAA's Severe Weather Data Inventory (public, no key): NEXRAD hail signatures around the
 * property over 24 months. A storm leaves many signatures (one per radar scan), so what counts
 * is the number of distinct days with damaging hail within 2 km.
 */
export class NoaaHailHistory implements StormSource {
  readonly name = "noaa-swdi";

  constructor(
    private readonly baseUrl = "https://www.ncei.noaa.gov",
    private readonly now = () => Date.now(),
  ) {}

  async stormEvents(property: Property, signal?: AbortSignal): Promise<number> {
    const box = bboxAround([property.lng, property.lat], STORM_RADIUS_M);
    const bbox = [box.minLng, box.minLat, box.maxLng, box.maxLat].map((n) => n.toFixed(4)).join(",");
    const windows = swdiWindows(this.now());
    const days = new Set<string>();
    for (let i = 0; i < windows.length; i += PARALLEL) {
      const batches = await Promise.all(windows.slice(i, i + PARALLEL).map(([start, end]) => this.query(`${start}:${end}`, bbox, signal)));
      for (const hail of batches.flat()) {
        const at = hail.SHAPE?.match(/POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/);
        if (!at || !hail.ZTIME || Number(hail.MAXSIZE) < DAMAGING_HAIL_INCHES) continue;
        if (distanceMetres([property.lng, property.lat], [Number(at[1]), Number(at[2])]) <= STORM_RADIUS_M)
          days.add(hail.ZTIME.slice(0, 10));
      }
    }
    return days.size;
  }

  private async query(range: string, bbox: string, signal?: AbortSignal): Promise<SwdiHail[]> {
    const response = await fetch(`${this.baseUrl}/swdiws/json/nx3hail/${range}?bbox=${bbox}`, {
      signal: signal ?? AbortSignal.timeout(20_000),
    });
    if (!response.ok) throw new Error(`NOAA SWDI ${response.status} for ${range}`);
    const body = (await response.json().catch(() => null)) as { result?: unknown } | null;
    if (!body || !Array.isArray(body.result)) throw new Error(`NOAA SWDI answered without a result list for ${range}`);
    return body.result as SwdiHail[];
  }
}

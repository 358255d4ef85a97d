import { env } from "cloudflare:workers";
import { AUSTIN_CENTER, generateProperties } from "../scripts/lib/property-generator";
import { insertD1Properties } from "../workers/scans/catalog/d1";
import { pointInPolygon, type PolygonGeometry } from "../workers/scans/geo";
import { call, json } from "./api";

/** A fixed sample neighbourhood in this test file's D1, and rectangles over parts of it. */
export const SAMPLE = generateProperties({ count: 800, seed: 11 });

export async function seedCatalog(): Promise<void> {
  await insertD1Properties(env.DB, SAMPLE);
}

/** A rectangle `dLng` × `dLat` degrees whose south-west corner is offset from the Austin centre. */
export function rectangle(offsetLng: number, offsetLat: number, dLng: number, dLat: number): PolygonGeometry {
  const [lng, lat] = [AUSTIN_CENTER[0] + offsetLng, AUSTIN_CENTER[1] + offsetLat];
  return {
    type: "Polygon",
    coordinates: [
      [
        [lng, lat],
        [lng + dLng, lat],
        [lng + dLng, lat + dLat],
        [lng, lat + dLat],
        [lng, lat],
      ],
    ],
  };
}

export const propertiesIn = (polygon: PolygonGeometry) => SAMPLE.filter((p) => pointInPolygon([p.lng, p.lat], polygon));

export async function startScan(token: string, polygon: PolygonGeometry, headers: Record<string, string> = {}): Promise<Response> {
  return call("POST", "/api/v1/scans", { token, body: { polygon, name: "Test area" }, headers });
}

export async function scanOf(token: string, id: string): Promise<any> {
  return json(await call("GET", `/api/v1/scans/${id}`, { token }));
}

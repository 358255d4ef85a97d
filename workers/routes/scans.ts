import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { catalogFor } from "../scans/catalog";
import { ringAreaKm2 } from "../scans/geo";
import { maxAreaKm2, validateScanPolygon } from "../scans/polygon";
import { pricesFor } from "../wallet/prices";
import { quote } from "../wallet/pricing";

// The polygon's shape is checked by validateScanPolygon (422 naming the fault), not by zod.
const GeoJsonPolygon = z
  .any()
  .openapi({ description: "GeoJSON Polygon: one closed, non-self-intersecting ring of [lng, lat], ≤ 500 vertices, area ≤ SCAN_MAX_AREA_KM2 (default 5 km²)", example: { type: "Polygon", coordinates: [[[-97.745, 30.265], [-97.74, 30.265], [-97.74, 30.27], [-97.745, 30.265]]] } });
const EstimateBody = z.strictObject({ polygon: GeoJsonPolygon }).openapi("ScanEstimateRequest");
const Estimate = z.object({ properties: z.number().int(), credits: z.number().int(), creditsPerProperty: z.number().int(), areaKm2: z.number() }).openapi("ScanEstimate");

/** Area scans (first slice: the estimate). */
export const scanRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

scanRoutes.openapi(
  createRoute({
    method: "post",
    path: "/estimate",
    tags: ["scans"],
    summary: "How many catalog properties an area holds and what scanning it would cost",
    request: { body: { content: { "application/json": { schema: EstimateBody } }, required: true } },
    responses: { 200: { description: "The estimate", content: { "application/json": { schema: Estimate } } }, 422: { description: "The polygon is not a valid scan area (problem says what is wrong)" } },
  }),
  async (c) => {
    const polygon = validateScanPolygon(c.req.valid("json").polygon, maxAreaKm2(c.env.SCAN_MAX_AREA_KM2));
    const catalog = catalogFor(c.env);
    const [properties, prices] = await Promise.all([catalog.countInPolygon(polygon), pricesFor(c.env, c.get("auth").tenantId)]).finally(() => c.executionCtx.waitUntil(catalog.close()));
    return c.json({ properties, credits: quote(prices, "scan", properties), creditsPerProperty: prices.scan, areaKm2: Number(ringAreaKm2(polygon.coordinates[0]!).toFixed(3)) }, 200);
  },
);

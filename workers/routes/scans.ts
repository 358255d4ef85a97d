import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { catalogFor } from "../scans/catalog";
import { ringAreaKm2 } from "../scans/geo";
import { maxAreaKm2, validateScanPolygon } from "../scans/polygon";
import { pricesFor } from "../wallet/prices";
import { quote } from "../wallet/pricing";
import { IdempotencyHeader } from "../wallet/schemas";
import { cancelScan } from "../scans/lifecycle";
import { scanReader } from "../scans/repository";
import { startScan } from "../scans/start";
import { Scan, scanJson } from "../scans/views";
import { notFound } from "../http/problem";
import { footprintCollection, viewPolygon } from "../scans/catalog-view";
import { ok, IdParam, jsonBody } from "../http/openapi";

// The polygon's shape is checked by validateScanPolygon (422 naming the fault), not by zod.
const GeoJsonPolygon = z.any().openapi({
  description:
    "GeoJSON Polygon: one closed, non-self-intersecting ring of [lng, lat], ≤ 500 vertices, area ≤ SCAN_MAX_AREA_KM2 (default 5 km²)",
  example: {
    type: "Polygon",
    coordinates: [
      [
        [-97.745, 30.265],
        [-97.74, 30.265],
        [-97.74, 30.27],
        [-97.745, 30.265],
      ],
    ],
  },
});
const EstimateBody = z.strictObject({ polygon: GeoJsonPolygon }).openapi("ScanEstimateRequest");
const StartBody = z
  .strictObject({ polygon: GeoJsonPolygon, name: z.string().trim().max(120, "At most 120 characters.").optional() })
  .openapi("ScanStartRequest");
const ListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(500).optional() });
const missing = { 404: { description: "No such scan in this workspace" } };
const Estimate = z
  .object({ properties: z.number().int(), credits: z.number().int(), creditsPerProperty: z.number().int(), areaKm2: z.number() })
  .openapi("ScanEstimate");

/** Area scans: the estimate, starting (credits held), listing, reading and cancelling scans. */
export const scanRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "post",
      path: "/estimate",
      tags: ["scans"],
      summary: "How many catalog properties an area holds and what scanning it would cost",
      request: { body: jsonBody(EstimateBody) },
      responses: {
        200: ok(Estimate, "The estimate"),
        422: { description: "The polygon is not a valid scan area (problem says what is wrong)" },
      },
    }),
    async (c) => {
      const polygon = validateScanPolygon(c.req.valid("json").polygon, maxAreaKm2(c.env.SCAN_MAX_AREA_KM2));
      const catalog = catalogFor(c.env);
      const [properties, prices] = await Promise.all([catalog.countInPolygon(polygon), pricesFor(c.env, c.get("auth").tenantId)]).finally(
        () => c.executionCtx.waitUntil(catalog.close()),
      );
      return c.json(
        {
          properties,
          credits: quote(prices, "scan", properties),
          creditsPerProperty: prices.scan,
          areaKm2: Number(ringAreaKm2(polygon.coordinates[0]!).toFixed(3)),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/catalog",
      tags: ["scans"],
      summary: "Catalog building footprints in a map view (bbox=west,south,east,north; ≤ 25 km², at most 4,000 buildings)",
      request: {
        query: z.strictObject({ bbox: z.string().regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, "west,south,east,north in degrees") }),
      },
      responses: {
        200: ok(z.object({ type: z.literal("FeatureCollection"), truncated: z.boolean(), features: z.array(z.any()) })),
        422: { description: "Not a rectangle, or too large a view" },
      },
    }),
    async (c) => {
      const catalog = catalogFor(c.env);
      const properties = await catalog
        .propertiesInPolygon(viewPolygon(c.req.valid("query").bbox))
        .finally(() => c.executionCtx.waitUntil(catalog.close()));
      return c.json(footprintCollection(properties), 200, { "Cache-Control": "private, max-age=300" });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["scans"],
      summary: "Start a scan: holds the credits for every property in the area, then analyses them in the background",
      request: { headers: IdempotencyHeader, body: jsonBody(StartBody) },
      responses: {
        202: ok(Scan, "Started (or the scan an earlier request with this Idempotency-Key started)"),
        402: { description: "Not enough credits (problem with shortfall and spendable)" },
        422: { description: "Not a valid scan area, or no properties in it" },
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const polygon = validateScanPolygon(body.polygon, maxAreaKm2(c.env.SCAN_MAX_AREA_KM2));
      const { tenantId, userId } = c.get("auth");
      const { scan, replayed } = await startScan(
        c.env,
        c.executionCtx,
        { tenantId, userId },
        { polygon, name: body.name, idempotencyKey: c.req.valid("header")["idempotency-key"] },
      );
      return c.json(scanJson(scan), 202, replayed ? { "Idempotent-Replayed": "true" } : {});
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["scans"],
      summary: "The workspace's scans, newest first (cursor paging)",
      request: { query: ListQuery },
      responses: { 200: ok(z.object({ items: z.array(Scan), nextCursor: z.string().nullable() })) },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const { items, nextCursor } = await scanReader(c.env, c.get("auth").tenantId).list(limit, cursor);
      return c.json({ items: items.map(scanJson), nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["scans"],
      summary: "One scan with its progress",
      request: { params: IdParam },
      responses: { 200: ok(Scan), ...missing },
    }),
    async (c) => {
      const scan = await scanReader(c.env, c.get("auth").tenantId).get(c.req.valid("param").id);
      if (!scan) throw notFound("Scan");
      return c.json(scanJson(scan), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/cancel",
      tags: ["scans"],
      summary: "Cancel a queued or running scan: the hold is released in full and the analysis stops at its next batch",
      request: { params: IdParam },
      responses: { 200: ok(Scan), ...missing, 409: { description: "The scan already finished" } },
    }),
    async (c) => {
      const { tenantId, userId } = c.get("auth");
      return c.json(scanJson(await cancelScan(c.env, { tenantId, scanId: c.req.valid("param").id }, userId)), 200);
    },
  );

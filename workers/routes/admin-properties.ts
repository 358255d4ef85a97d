import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { auditStatement } from "../audit";
import { validationHook } from "../http/validation";
import { requireOps } from "../http/ops-auth";
import { badRequest, Problem, unprocessable } from "../http/problem";
import { log } from "../http/log";
import { MAX_FEATURES, parseFootprints } from "../scans/catalog/import-geojson";
import { storeImportedProperties } from "../scans/catalog/store-imported";
import { ok } from "../http/openapi";

const ImportResult = z
  .object({
    imported: z.number().int().openapi({ description: "New catalog properties" }),
    existing: z.number().int().openapi({ description: "Valid features whose external id the catalog already had (left as they were)" }),
    skipped: z.number().int(),
    errors: z.array(z.object({ index: z.number().int(), message: z.string() })),
    duplicates: z.array(z.object({ index: z.number().int(), id: z.string(), firstIndex: z.number().int() })),
    attribution: z.string().nullable(),
  })
  .openapi("FootprintImportResult");

/** The property catalog's reference data: building footprints (ops only; npm run import:footprints). */
const adminPropertyGroup = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
adminPropertyGroup.use("*", requireOps);

export const adminPropertyRoutes = adminPropertyGroup.openapi(
  createRoute({
    method: "post",
    path: "/import",
    tags: ["admin"],
    summary: `Import building footprints (GeoJSON FeatureCollection of Polygon/MultiPolygon, ≤ ${MAX_FEATURES.toLocaleString("en-US")} features) into the property catalog`,
    request: {
      query: z.strictObject({
        source: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/)
          .default("geojson")
          .openapi({ description: "Namespace of the external ids, e.g. osm or county-2025" }),
        mode: z.enum(["all-or-nothing", "skip-invalid"]).default("all-or-nothing"),
      }),
      body: { content: { "application/geo+json": { schema: z.unknown() }, "application/json": { schema: z.unknown() } }, required: true },
    },
    responses: {
      200: ok(ImportResult, "What was imported"),
      422: { description: "Not a FeatureCollection, or invalid features with mode=all-or-nothing (nothing imported)" },
    },
  }),
  async (c) => {
    const { source, mode } = c.req.valid("query");
    if (!/^application\/(geo\+)?json/i.test(c.req.header("Content-Type") ?? ""))
      throw new Problem(415, "Unsupported Media Type", "Send the file as application/geo+json.");
    const maxBytes = Number(c.env.MAX_IMPORT_BYTES);
    const tooLarge = () => new Problem(413, "Content Too Large", `Imports are limited to ${maxBytes / 1_048_576} MB.`);
    if (Number(c.req.header("Content-Length") ?? 0) > maxBytes) throw tooLarge();
    const body = await c.req.text();
    if (body.length > maxBytes) throw tooLarge();
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      throw badRequest("The body is not valid JSON.");
    }

    const parsed = await parseFootprints(document, source);
    const skipped = parsed.errors.length + parsed.duplicates.length;
    if (mode === "all-or-nothing" && parsed.errors.length)
      throw unprocessable(
        `${parsed.errors.length} of ${parsed.errors.length + parsed.properties.length + parsed.duplicates.length} features are invalid; nothing was imported (mode=skip-invalid imports the rest).`,
        { errors: parsed.errors.slice(0, 500) },
      );

    const { created, existing } = await storeImportedProperties(c.env, parsed.properties);
    // The audit log keeps the licence (e.g. ODbL) with the record of where the data came from.
    await auditStatement(c.env, {
      tenantId: null,
      actorId: c.get("auth")?.userId ?? null,
      action: "properties.imported",
      target: source,
      data: { imported: created, existing, skipped, attribution: parsed.attribution },
      requestId: c.get("requestId"),
    });
    log("info", "properties.imported", { source, imported: created, existing, skipped });
    return c.json(
      { imported: created, existing, skipped, errors: parsed.errors, duplicates: parsed.duplicates, attribution: parsed.attribution },
      200,
    );
  },
);

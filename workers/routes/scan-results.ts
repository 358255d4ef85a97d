import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { notFound } from "../http/problem";
import { scanResultsCsv } from "../scans/export";
import { scanReader } from "../scans/repository";
import { ScanResult, scanResultJson } from "../scans/views";
import { IdParam } from "../http/openapi";

const Filters = z.strictObject({
  minScore: z.coerce.number().int().min(0).max(100).optional(),
  hot: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  status: z.enum(["scored", "failed"]).optional(),
});
const ResultsQuery = Filters.extend({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(500).optional() });

/** A scan's results: the scored list (filters, cursor paging) and its CSV download. */
export const scanResultRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/leads",
      tags: ["scans"],
      summary: "The scan's analysed properties, best score first (failed ones last), with their factors, roof, enrichment, image and lead",
      request: { params: IdParam, query: ResultsQuery },
      responses: {
        200: {
          description: "OK",
          content: { "application/json": { schema: z.object({ items: z.array(ScanResult), nextCursor: z.string().nullable() }) } },
        },
        404: { description: "No such scan in this workspace" },
      },
    }),
    async (c) => {
      const reader = scanReader(c.env, c.get("auth").tenantId);
      const { id } = c.req.valid("param");
      const { limit, cursor, ...filters } = c.req.valid("query");
      if (!(await reader.get(id))) throw notFound("Scan");
      const { items, nextCursor } = await reader.results(id, filters, limit, cursor);
      return c.json({ items: await Promise.all(items.map((row) => scanResultJson(c.env, row))), nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/leads.csv",
      tags: ["scans"],
      summary: "The scan's results as CSV, streamed; Bearer token or ?ticket= (POST /leads/export-ticket)",
      request: { params: IdParam, query: Filters.extend({ ticket: z.string().max(1000).optional() }) },
      responses: {
        200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
        404: { description: "No such scan in this workspace" },
      },
    }),
    async (c) => {
      const reader = scanReader(c.env, c.get("auth").tenantId);
      const scan = await reader.get(c.req.valid("param").id);
      if (!scan) throw notFound("Scan");
      const { ticket: _, ...filters } = c.req.valid("query");
      return c.body(scanResultsCsv(reader, scan.id, filters), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="scan-${scan.id}.csv"`,
        "Cache-Control": "no-store",
      });
    },
  );

import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireRole } from "../http/auth";
import { badRequest, notFound, Problem } from "../http/problem";
import { tenantContext } from "../http/tenant-context";
import { leadReader } from "../leads/repository";
import { leadWriter } from "../leads/mutations";
import { LeadListQuery, LeadFilters } from "../leads/list-query";
import { Lead, LeadCreate, LeadEvent, LeadPatch, LEAD_STATUSES } from "../leads/model";
import { toView } from "../leads/rows";
import { exportCsv } from "../leads/export";
import { importCsv } from "../leads/import";
import { leadSummary, publishActivity } from "../activity";
import { issueTicket, TICKET_TTL_SECONDS } from "../auth/tokens";
import { ok, jsonBody, IdParam } from "../http/openapi";

const Tag = z.string().trim().toLowerCase().min(1).max(32);

const BulkBody = z
  .strictObject({
    ids: z.array(z.string().max(64)).min(1, "Select at least one lead.").max(1000, "At most 1,000 leads per bulk update."),
    set: z
      .strictObject({
        status: z.enum(LEAD_STATUSES).optional(),
        assigneeId: z.string().max(64).nullable().optional(),
        addTags: z.array(Tag).max(20).optional(),
        removeTags: z.array(Tag).max(20).optional(),
      })
      .refine((s) => Object.keys(s).length > 0, "Say what to change: status, assigneeId, addTags or removeTags."),
  })
  .openapi("LeadBulkUpdate");

export const leadRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["leads"],
      summary: "List leads: full-text search, filters, sort, cursor pagination",
      request: { query: LeadListQuery },
      responses: { 200: ok(z.object({ items: z.array(Lead), nextCursor: z.string().nullable(), total: z.number().optional() })) },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      return c.json(await leadReader(c.env, tenant.id, tenant.country).list(c.req.valid("query")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["leads"],
      summary: "Create a lead (409 with the matches when the phone or email already exists)",
      request: { body: jsonBody(LeadCreate), query: z.strictObject({ allowDuplicate: z.enum(["true", "false"]).optional() }) },
      responses: { 201: ok(Lead, "Created"), 409: { description: "Duplicate" } },
    }),
    async (c) => {
      const { tenant, actor } = await tenantContext(c);
      const lead = await leadWriter(c.env, tenant, actor).create(c.req.valid("json"), {
        allowDuplicate: c.req.valid("query").allowDuplicate === "true",
      });
      publishActivity(c.env, c.executionCtx, tenant.id, { type: "lead.created", actor, lead: leadSummary(lead) });
      return c.json(lead, 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/export-ticket",
      tags: ["leads"],
      summary: "A 60-second ticket for a browser download of export.csv (?ticket=…)",
      responses: { 200: ok(z.object({ ticket: z.string(), expiresIn: z.number() })) },
    }),
    async (c) => c.json({ ticket: await issueTicket(c.env, c.get("auth"), "export"), expiresIn: TICKET_TTL_SECONDS.export }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/export.csv",
      tags: ["leads"],
      summary: "Stream matching leads as CSV (constant memory); Bearer token or ?ticket=",
      request: { query: LeadFilters.extend({ ticket: z.string().max(1000).optional() }) },
      responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } } },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      const stamp = new Date().toISOString().slice(0, 10);
      return c.body(exportCsv(leadReader(c.env, tenant.id, tenant.country), c.req.valid("query")), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="leads-${stamp}.csv"`,
        "Cache-Control": "no-store",
      });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/import",
      tags: ["leads"],
      summary: "Import leads from CSV; every row is validated and errors are reported per row",
      middleware: [requireRole("admin")] as const,
      request: {
        query: z.strictObject({
          mode: z.enum(["all-or-nothing", "skip-invalid"]).default("all-or-nothing"),
          duplicates: z.enum(["skip", "import"]).default("skip"),
        }),
        body: { content: { "text/csv": { schema: z.string() } }, required: true },
      },
      responses: {
        200: ok(
          z.object({
            imported: z.number(),
            skipped: z.number(),
            errors: z.array(z.object({ row: z.number(), field: z.string(), message: z.string() })),
            duplicates: z.array(z.unknown()),
          }),
        ),
        422: { description: "Invalid rows; nothing imported" },
      },
    }),
    async (c) => {
      const type = c.req.header("Content-Type") ?? "";
      if (!/^(text\/csv|text\/plain|application\/csv)/i.test(type))
        throw new Problem(415, "Unsupported Media Type", "Send the file as text/csv.");
      const maxBytes = Number(c.env.MAX_IMPORT_BYTES);
      if (Number(c.req.header("Content-Length") ?? 0) > maxBytes)
        throw new Problem(413, "Content Too Large", `Imports are limited to ${maxBytes / 1_048_576} MB.`);
      const text = await c.req.text();
      if (text.length > maxBytes) throw new Problem(413, "Content Too Large", `Imports are limited to ${maxBytes / 1_048_576} MB.`);
      const { tenant, actor } = await tenantContext(c);
      const result = await importCsv(c.env, tenant, actor, text, c.req.valid("query"));
      if (result.imported) publishActivity(c.env, c.executionCtx, tenant.id, { type: "leads.imported", actor, count: result.imported });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/bulk",
      tags: ["leads"],
      summary: "Update status, assignee and tags of up to 1,000 leads atomically",
      request: { body: jsonBody(BulkBody) },
      responses: { 200: ok(z.object({ updated: z.number(), unchanged: z.number() })) },
    }),
    async (c) => {
      const { tenant, actor } = await tenantContext(c);
      const { ids, set } = c.req.valid("json");
      const result = await leadWriter(c.env, tenant, actor).bulkUpdate(ids, set);
      if (result.updated) publishActivity(c.env, c.executionCtx, tenant.id, { type: "leads.bulk_updated", actor, count: result.updated });
      return c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/tags",
      tags: ["leads"],
      summary: "The workspace's tags with how many leads carry each",
      request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: { 200: ok(z.object({ items: z.array(z.object({ tag: z.string(), count: z.number() })) })) },
    }),
    async (c) => c.json({ items: await leadReader(c.env, c.get("auth").tenantId).tags(c.req.valid("query").limit) }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/duplicates",
      tags: ["leads"],
      summary: "Leads in this workspace with the same phone or email",
      request: { query: z.strictObject({ phone: z.string().max(40).optional(), email: z.string().max(254).optional() }) },
      responses: {
        200: ok(
          z.object({
            items: z.array(z.object({ id: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string().nullable() })),
          }),
        ),
      },
    }),
    async (c) => {
      const { tenant, actor } = await tenantContext(c);
      const { phone, email } = c.req.valid("query");
      if (!phone && !email) throw badRequest("Give a phone or an email to check.");
      const normalized = leadWriter(c.env, tenant, actor).normalizePhone(phone);
      return c.json({ items: await leadReader(c.env, tenant.id).duplicatesOf(normalized, email?.toLowerCase() ?? null) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["leads"],
      summary: "One lead with its score factors",
      request: { params: IdParam },
      responses: { 200: ok(Lead), 404: { description: "Not found (or another workspace's)" } },
    }),
    async (c) => {
      const row = await leadReader(c.env, c.get("auth").tenantId).get(c.req.valid("param").id);
      if (!row) throw notFound("Lead");
      return c.json(toView(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags: ["leads"],
      summary: "Edit a lead; it is re-scored and the change goes on its timeline",
      request: { params: IdParam, body: jsonBody(LeadPatch) },
      responses: { 200: ok(Lead) },
    }),
    async (c) => {
      const { tenant, actor } = await tenantContext(c);
      const lead = await leadWriter(c.env, tenant, actor).update(c.req.valid("param").id, c.req.valid("json"));
      publishActivity(c.env, c.executionCtx, tenant.id, { type: "lead.updated", actor, lead: leadSummary(lead) });
      return c.json(lead, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags: ["leads"],
      summary: "Delete a lead (admin or owner; audit-logged)",
      middleware: [requireRole("admin")] as const,
      request: { params: IdParam },
      responses: { 204: { description: "Deleted" } },
    }),
    async (c) => {
      const { tenant, actor } = await tenantContext(c);
      const removed = await leadWriter(c.env, tenant, actor).remove(c.req.valid("param").id, c.get("requestId"));
      publishActivity(c.env, c.executionCtx, tenant.id, { type: "lead.deleted", actor, lead: leadSummary(toView(removed)) });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/events",
      tags: ["leads"],
      summary: "The lead's timeline, newest first",
      request: {
        params: IdParam,
        query: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: z.coerce.number().int().positive().optional(),
        }),
      },
      responses: { 200: ok(z.object({ items: z.array(LeadEvent) })) },
    }),
    async (c) => {
      const reader = leadReader(c.env, c.get("auth").tenantId);
      const { id } = c.req.valid("param");
      if (!(await reader.get(id))) throw notFound("Lead");
      const { limit, before } = c.req.valid("query");
      const rows = await reader.events(id, limit, before);
      return c.json(
        {
          items: rows.map((e) => ({
            id: e.id,
            type: e.type,
            actor: e.actorId ? { id: e.actorId, name: e.actorName ?? "" } : null,
            data: e.data ?? null,
            createdAt: new Date(e.createdAt).toISOString(),
          })),
        },
        200,
      );
    },
  );

import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireRole } from "../http/auth";
import { notFound } from "../http/problem";
import { tenantContext } from "../http/tenant-context";
import { database, tables } from "../db/client";
import { Pro, ProCreate, ProPatch } from "../pros/model";
import { proStore } from "../pros/writer";
import { busyByPro, loadProfiles } from "../pros/repository";
import { availableSlots } from "../booking/slots";
import { slotLabel } from "../booking/zoned-time";
import { ok, jsonBody, IdParam } from "../http/openapi";

const DAY = 86_400_000;

const Job = z
  .object({
    assignmentId: z.string(),
    leadId: z.string(),
    leadName: z.string(),
    trade: z.string().nullable(),
    status: z.string(),
    reason: z.string(),
    assignedAt: z.string(),
  })
  .openapi("ProJob");
const Slot = z.object({ start: z.string(), end: z.string(), label: z.string() }).openapi("Slot");

export const proRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["pros"],
      summary: "Pros with trades, areas, hours, time zone and active jobs",
      responses: { 200: ok(z.object({ items: z.array(Pro) })) },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      return c.json({ items: await proStore(c.env, tenant).list() }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["pros"],
      summary: "Add a pro (admin)",
      middleware: [requireRole("admin")] as const,
      request: { body: jsonBody(ProCreate) },
      responses: { 201: ok(Pro, "Created") },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      return c.json(await proStore(c.env, tenant).create(c.req.valid("json")), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["pros"],
      summary: "One pro",
      request: { params: IdParam },
      responses: { 200: ok(Pro) },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      return c.json(await proStore(c.env, tenant).view(c.req.valid("param").id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags: ["pros"],
      summary: "Edit a pro; areas, hours and overrides given are replaced whole (admin)",
      middleware: [requireRole("admin")] as const,
      request: { params: IdParam, body: jsonBody(ProPatch) },
      responses: { 200: ok(Pro) },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      return c.json(await proStore(c.env, tenant).update(c.req.valid("param").id, c.req.valid("json")), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags: ["pros"],
      summary: "Remove a pro without bookings (admin); others are deactivated",
      middleware: [requireRole("admin")] as const,
      request: { params: IdParam },
      responses: { 204: { description: "Removed" } },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      await proStore(c.env, tenant).remove(c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/jobs",
      tags: ["pros"],
      summary: "The pro's active jobs with the reason each was routed to them",
      request: { params: IdParam },
      responses: { 200: ok(z.object({ items: z.array(Job) })) },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const { id } = c.req.valid("param");
      const db = database(c.env.DB);
      const { assignments, leads, pros } = tables;
      if (!(await db.query.pros.findFirst({ where: and(eq(pros.tenantId, tenantId), eq(pros.id, id)), columns: { id: true } })))
        throw notFound("Pro");
      const rows = await db
        .select({
          assignmentId: assignments.id,
          leadId: leads.id,
          leadName: leads.name,
          trade: leads.trade,
          status: leads.status,
          reason: assignments.reason,
          assignedAt: assignments.assignedAt,
        })
        .from(assignments)
        .innerJoin(leads, and(eq(leads.tenantId, assignments.tenantId), eq(leads.id, assignments.leadId)))
        .where(and(eq(assignments.tenantId, tenantId), eq(assignments.proId, id), eq(assignments.status, "active")))
        .orderBy(desc(assignments.assignedAt));
      return c.json({ items: rows.map((r) => ({ ...r, assignedAt: new Date(r.assignedAt).toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/slots",
      tags: ["pros"],
      summary: "The pro's next free slots (in their time zone)",
      request: {
        params: IdParam,
        query: z.strictObject({
          days: z.coerce.number().int().min(1).max(60).default(7),
          limit: z.coerce.number().int().min(1).max(200).default(20),
        }),
      },
      responses: { 200: ok(z.object({ timeZone: z.string(), items: z.array(Slot) })) },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const { id } = c.req.valid("param");
      const { days, limit } = c.req.valid("query");
      const [profile] = await loadProfiles(c.env, tenantId, { ids: [id] });
      if (!profile) throw notFound("Pro");
      const now = Date.now();
      const busy = (await busyByPro(c.env, tenantId, [id], now - DAY, now + (days + 1) * DAY)).get(id)!;
      const slots = availableSlots(profile.schedule, busy, { from: now, days, now, limit });
      return c.json(
        {
          timeZone: profile.pro.timeZone,
          items: slots.map((s) => ({
            start: new Date(s.start).toISOString(),
            end: new Date(s.end).toISOString(),
            label: slotLabel(profile.pro.timeZone, s.start),
          })),
        },
        200,
      );
    },
  );

import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq, gte, lt } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { conflict, notFound, Problem } from "../http/problem";
import { tenantContext } from "../http/tenant-context";
import { database, tables } from "../db/client";
import { dayAndWeekStart } from "../lib/time";
import { cancelBooking, getBooking, type BookingRow } from "../booking/book";
import { announceBookingChange } from "../booking/announce";
import { bookingCustomer } from "../booking/customer";
import { slotLabel } from "../booking/zoned-time";
import { endAssignment } from "../matching/assign";

import { ok, jsonBody, IdParam } from "../http/openapi";
import { proCalendar } from "../../durable-objects/stubs";

const WEEK = 7 * 86_400_000;

const Booking = z
  .object({
    id: z.string(),
    proId: z.string(),
    proName: z.string(),
    leadId: z.string().nullable(),
    conversationId: z.string().nullable(),
    start: z.string(),
    end: z.string(),
    timeZone: z.string(),
    label: z.string(),
    status: z.enum(["confirmed", "cancelled", "completed"]),
    customerName: z.string(),
    customerPhone: z.string().nullable(),
    trade: z.string().nullable(),
    summary: z.string().nullable(),
    address: z.string().nullable(),
    rescheduledFrom: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Booking");
const _Alternative = z.object({ start: z.string(), label: z.string() });
const BookingCreate = z
  .strictObject({
    proId: z.string().min(1).max(64),
    start: z.iso.datetime({ offset: true }),
    leadId: z
      .string()
      .max(64)
      .nullable()
      .optional()
      .openapi({ description: "Book for this lead; or give a new customer's name, phone and address" }),
    customerName: z.string().trim().max(120).optional(),
    customerPhone: z.string().trim().max(40).nullable().optional(),
    trade: z.string().max(40).nullable().optional(),
    summary: z.string().max(2000).nullable().optional(),
    address: z.string().max(300).nullable().optional(),
  })
  .openapi("BookingCreate");

function view(row: BookingRow, proName: string) {
  return {
    id: row.id,
    proId: row.proId,
    proName,
    leadId: row.leadId,
    conversationId: row.conversationId,
    start: new Date(row.startsAt).toISOString(),
    end: new Date(row.endsAt).toISOString(),
    timeZone: row.timeZone,
    label: slotLabel(row.timeZone, row.startsAt),
    status: row.status,
    customerName: row.customerName,
    customerPhone: row.customerPhone,
    trade: row.trade,
    summary: row.summary,
    address: row.address,
    rescheduledFrom: row.rescheduledFrom,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** A refused booking answers 409 with the next free times. */
const refused = (reason: string, alternatives: { start: number; label: string }[]) =>
  conflict(`Not booked: ${reason}`, {
    alternatives: alternatives.map((a) => ({ start: new Date(a.start).toISOString(), label: a.label })),
  });

async function load(c: { env: AppEnv["Bindings"] }, tenantId: string, id: string) {
  const row = await getBooking(c.env, tenantId, id);
  if (!row) throw notFound("Booking");
  const pro = await database(c.env.DB).query.pros.findFirst({
    where: and(eq(tables.pros.tenantId, tenantId), eq(tables.pros.id, row.proId)),
    columns: { name: true },
  });
  return { row, proName: pro?.name ?? "" };
}

export const bookingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["bookings"],
      summary: "Bookings of one week (Monday to Sunday in the workspace's zone), optionally of one pro; or every booking of one lead",
      request: {
        query: z.strictObject({
          week: z.iso.date().optional(),
          proId: z.string().max(64).optional(),
          leadId: z.string().max(64).optional(),
        }),
      },
      responses: { 200: ok(z.object({ weekStart: z.string(), items: z.array(Booking) })) },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      const { week, proId, leadId } = c.req.valid("query");
      const { startOfWeek } = dayAndWeekStart(tenant.timeZone, week ? Date.parse(`${week}T12:00:00Z`) : Date.now());
      const { bookings, pros } = tables;
      // The next Monday's local midnight: a week with a DST change is an hour shorter or longer.
      const nextWeek = dayAndWeekStart(tenant.timeZone, startOfWeek + WEEK + 12 * 3_600_000).startOfWeek;
      // A lead's bookings are all of them, whatever the week: the lead page lists its history.
      const conditions = leadId
        ? [eq(bookings.tenantId, tenant.id), eq(bookings.leadId, leadId)]
        : [eq(bookings.tenantId, tenant.id), gte(bookings.startsAt, startOfWeek), lt(bookings.startsAt, nextWeek)];
      if (proId) conditions.push(eq(bookings.proId, proId));
      const rows = await database(c.env.DB)
        .select({ booking: bookings, proName: pros.name })
        .from(bookings)
        .innerJoin(pros, eq(pros.id, bookings.proId))
        .where(and(...conditions))
        .orderBy(asc(bookings.startsAt))
        .limit(1000);
      return c.json({ weekStart: new Date(startOfWeek).toISOString(), items: rows.map((r) => view(r.booking, r.proName)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["bookings"],
      summary: "Book a slot (re-checked and serialized per pro; 409 with alternatives when taken)",
      request: { body: jsonBody(BookingCreate) },
      responses: { 201: ok(Booking, "Booked"), 409: { description: "Not free; alternatives in the problem" } },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      const input = c.req.valid("json");
      const customer = await bookingCustomer(c.env, tenant, input);
      const start = Date.parse(input.start);
      const result = await proCalendar(c.env, tenant.id, input.proId).book({ ...input, ...customer, tenantId: tenant.id, start });
      if (!result.ok) {
        if (!result.alternatives.length && /pro/.test(result.reason)) throw notFound("Pro");
        throw refused(result.reason, result.alternatives);
      }
      c.executionCtx.waitUntil(announceBookingChange(c.env, result.booking, "created", result.proName));
      return c.json(view(result.booking, result.proName), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["bookings"],
      summary: "One booking",
      request: { params: IdParam },
      responses: { 200: ok(Booking) },
    }),
    async (c) => {
      const { row, proName } = await load(c, c.get("auth").tenantId, c.req.valid("param").id);
      return c.json(view(row, proName), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/reschedule",
      tags: ["bookings"],
      summary: "Move a booking: cancel and re-book in one atomic write (409 with alternatives when taken)",
      request: { params: IdParam, body: jsonBody(z.strictObject({ start: z.iso.datetime({ offset: true }) })) },
      responses: { 200: ok(Booking), 409: { description: "Not free" } },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const { row } = await load(c, tenantId, c.req.valid("param").id);
      if (row.status !== "confirmed") throw conflict(`This booking is ${row.status}.`);
      const result = await proCalendar(c.env, tenantId, row.proId).book({
        ...row,
        tenantId,
        start: Date.parse(c.req.valid("json").start),
        replaces: row.id,
      });
      if (!result.ok) throw refused(result.reason, result.alternatives);
      c.executionCtx.waitUntil(announceBookingChange(c.env, result.booking, "rescheduled", result.proName));
      return c.json(view(result.booking, result.proName), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/cancel",
      tags: ["bookings"],
      summary: "Cancel a booking with a reason; the pro and the customer are told why",
      request: {
        params: IdParam,
        body: jsonBody(z.strictObject({ reason: z.string().trim().min(1, "Say why: the customer is told.").max(300) })),
      },
      responses: { 200: ok(Booking) },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const { row, proName } = await load(c, tenantId, c.req.valid("param").id);
      const cancelled = await cancelBooking(c.env, tenantId, row.id);
      if (!cancelled) throw conflict(`This booking is ${row.status}.`);
      if (cancelled.leadId) await endAssignment(c.env, tenantId, cancelled.leadId, "released", Date.now());
      c.executionCtx.waitUntil(announceBookingChange(c.env, cancelled, "cancelled", proName, c.req.valid("json").reason));
      return c.json(view(cancelled, proName), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/complete",
      tags: ["bookings"],
      summary: "Mark the job done: it stops counting against the pro's active jobs",
      request: { params: IdParam },
      responses: { 200: ok(Booking) },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const { row, proName } = await load(c, tenantId, c.req.valid("param").id);
      if (row.status !== "confirmed") throw new Problem(409, "Conflict", `This booking is ${row.status}.`);
      const [done] = await database(c.env.DB)
        .update(tables.bookings)
        .set({ status: "completed", updatedAt: Date.now() })
        .where(and(eq(tables.bookings.tenantId, tenantId), eq(tables.bookings.id, row.id)))
        .returning();
      if (done!.leadId) await endAssignment(c.env, tenantId, done!.leadId, "done", Date.now());
      c.executionCtx.waitUntil(announceBookingChange(c.env, done!, "completed", proName));
      return c.json(view(done!, proName), 200);
    },
  );

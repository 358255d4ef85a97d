import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { database, tables } from "../db/client";
import { tenantContext } from "../http/tenant-context";
import { leadReader } from "../leads/repository";
import { Lead } from "../leads/model";
import { issueTicket, TICKET_TTL_SECONDS } from "../auth/tokens";
import { ok } from "../http/openapi";

const { memberships, tenants, users } = tables;

/** The signed-in user: who, which workspace, which role, plus the dashboard and socket tickets. */

// Per-call and per-scan sockets name the object they watch; the object checks it belongs to the ticket's workspace.
const wsTicketBody = z.union([
  z.strictObject({ channel: z.enum(["activity", "wallet"]).default("activity") }),
  z.strictObject({ channel: z.enum(["calls", "scans"]), id: z.string().min(1).max(64) }),
]);

export const meRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/me",
      tags: ["auth"],
      summary: "The signed-in user, workspace, role and every workspace they belong to",
      responses: {
        200: ok(
          z.object({
            user: z.object({ id: z.string(), email: z.string(), name: z.string(), superadmin: z.boolean() }),
            tenant: z.object({ id: z.string(), name: z.string(), timeZone: z.string(), country: z.string() }),
            role: z.string(),
            memberships: z.array(z.object({ tenantId: z.string(), tenantName: z.string(), role: z.string() })),
          }),
        ),
      },
    }),
    async (c) => {
      const auth = c.get("auth");
      const db = database(c.env.DB);
      const [{ tenant }, user, all] = await Promise.all([
        tenantContext(c),
        db.query.users.findFirst({ where: eq(users.id, auth.userId), columns: { id: true, email: true, name: true, isSuperadmin: true } }),
        db
          .select({ tenantId: memberships.tenantId, tenantName: tenants.name, role: memberships.role })
          .from(memberships)
          .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
          .where(eq(memberships.userId, auth.userId)),
      ]);
      return c.json(
        {
          user: { id: user!.id, email: user!.email, name: user!.name, superadmin: user!.isSuperadmin },
          tenant: { id: tenant.id, name: tenant.name, timeZone: tenant.timeZone, country: tenant.country },
          role: auth.role,
          memberships: all,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dashboard",
      tags: ["leads"],
      summary: "Leads today and this week, by source and status, and the hottest leads",
      responses: {
        200: ok(
          z.object({
            leadsToday: z.number(),
            leadsThisWeek: z.number(),
            total: z.number(),
            bySource: z.record(z.string(), z.number()),
            byStatus: z.record(z.string(), z.number()),
            hotLeads: z.array(Lead),
          }),
        ),
      },
    }),
    async (c) => {
      const { tenant } = await tenantContext(c);
      return c.json(await leadReader(c.env, tenant.id).dashboard(Date.now(), tenant.timeZone), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/ws-ticket",
      tags: ["auth"],
      summary: "A 30-second single-use ticket for a WebSocket (/ws/activity, /ws/wallet, /ws/calls/:id, /ws/scans/:id)",
      request: { body: { content: { "application/json": { schema: wsTicketBody } } } },
      responses: { 200: ok(z.object({ ticket: z.string(), expiresIn: z.number(), url: z.string() })) },
    }),
    async (c) => {
      // The body is optional: without a Content-Type the validator hands over `{}` unparsed, which
      // parsing turns into the activity feed (the channel's default).
      const body = wsTicketBody.parse(c.req.valid("json"));
      const ticket = await issueTicket(c.env, c.get("auth"), body.channel);
      const path = "id" in body && body.id ? `/ws/${body.channel}/${encodeURIComponent(body.id)}` : `/ws/${body.channel}`;
      return c.json({ ticket, expiresIn: TICKET_TTL_SECONDS[body.channel], url: `${path}?ticket=${encodeURIComponent(ticket)}` }, 200);
    },
  );

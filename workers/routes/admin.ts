import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { desc, eq, sql } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireOps } from "../http/ops-auth";
import { database, tables } from "../db/client";
import { listDeadLetters, replayDeadLetters } from "../queue/replay";
import { ok } from "../http/openapi";
import { Problem } from "../http/problem";
import { recoverAfterRestart } from "../queue/restart-recovery";
import { countPending } from "../queue/pending-work";

const { tenants, leads, memberships, auditLog } = tables;
const STARTED_AT = "startedAt must be the time the server started, in milliseconds since 1970.";

/** Platform administration: superadmins (or the OPS_TOKEN for scripts). */
const adminGroup = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
adminGroup.use("*", requireOps);

export const adminRoutes = adminGroup
  .openapi(
    createRoute({
      method: "get",
      path: "/tenants",
      tags: ["admin"],
      summary: "Every workspace with member and lead counts",
      responses: {
        200: ok(
          z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                slug: z.string(),
                members: z.number(),
                leads: z.number(),
                createdAt: z.string(),
              }),
            ),
          }),
        ),
      },
    }),
    async (c) => {
      const rows = await database(c.env.DB)
        .select({
          id: tenants.id,
          name: tenants.name,
          slug: tenants.slug,
          createdAt: tenants.createdAt,
          members: sql<number>`(SELECT count(*) FROM ${memberships} WHERE ${memberships.tenantId} = ${tenants.id})`,
          leads: sql<number>`(SELECT count(*) FROM ${leads} WHERE ${leads.tenantId} = ${tenants.id})`,
        })
        .from(tenants)
        .orderBy(desc(tenants.createdAt))
        .limit(500);
      return c.json({ items: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/audit",
      tags: ["admin"],
      summary: "Audit log, newest first (optionally one workspace)",
      request: {
        query: z.strictObject({ tenantId: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
      responses: { 200: ok(z.object({ items: z.array(z.unknown()) })) },
    }),
    async (c) => {
      const { tenantId, limit } = c.req.valid("query");
      const rows = await database(c.env.DB)
        .select()
        .from(auditLog)
        .where(tenantId ? eq(auditLog.tenantId, tenantId) : undefined)
        .orderBy(desc(auditLog.createdAt))
        .limit(limit);
      return c.json({ items: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/dead-letters",
      tags: ["admin"],
      summary: "Queue messages that exhausted their retries",
      responses: { 200: ok(z.object({ items: z.array(z.unknown()) })) },
    }),
    async (c) => c.json({ items: await listDeadLetters(c.env) }, 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/dead-letters/replay",
      tags: ["admin"],
      summary: "Re-drive parked messages onto the queue (npm run replay:dlq)",
      request: { query: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(50) }) },
      responses: { 200: ok(z.object({ replayed: z.number(), remaining: z.number() })) },
    }),
    async (c) => c.json(await replayDeadLetters(c.env, c.req.valid("query").limit), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/recover",
      tags: ["admin"],
      summary: "After a restart: queue again everything stored before it and still pending (npm start does this)",
      request: {
        query: z.object({ startedAt: z.coerce.number({ error: STARTED_AT }).int({ error: STARTED_AT }).positive({ error: STARTED_AT }) }),
      },
      responses: {
        200: ok(z.object({ inboundEvents: z.number(), stripeEvents: z.number(), outbox: z.number(), attemptsReleased: z.number() })),
      },
    }),
    async (c) => {
      const { startedAt } = c.req.valid("query");
      if (startedAt > Date.now()) throw new Problem(400, "Bad Request", "startedAt is in the future; pass the time the server started.");
      return c.json(await recoverAfterRestart(c.env, startedAt), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/pending",
      tags: ["admin"],
      summary: "Work stored and not finished yet: webhook and Stripe events unprocessed, messages not yet sent",
      responses: { 200: ok(z.object({ inboundEvents: z.number(), stripeEvents: z.number(), outbox: z.number() })) },
    }),
    async (c) => c.json(await countPending(c.env), 200),
  );

import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireRole } from "../http/auth";
import { notFound } from "../http/problem";
import { database, tables } from "../db/client";
import { createInvite } from "../team/invites";
import { changeRole, listMembers, removeMember } from "../team/members";
import { Email } from "./auth-schemas";
import { ok, jsonBody, IdParam } from "../http/openapi";

const Member = z
  .object({ userId: z.string(), name: z.string(), email: z.string(), role: z.enum(["owner", "admin", "agent"]), joinedAt: z.string() })
  .openapi("Member");
const Invite = z
  .object({ id: z.string(), email: z.string(), role: z.enum(["admin", "agent"]), expiresAt: z.string(), acceptUrl: z.string().optional() })
  .openapi("Invite");
const UserParam = z.object({ userId: z.string().min(1).max(64) });
const { invites } = tables;

export const teamRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/members",
      tags: ["team"],
      summary: "Members of the workspace",
      responses: { 200: ok(z.object({ items: z.array(Member) })) },
    }),
    async (c) => c.json({ items: await listMembers(c.env, c.get("auth").tenantId) }, 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/members/{userId}",
      tags: ["team"],
      summary: "Change a member's role (owner)",
      middleware: [requireRole("owner")] as const,
      request: {
        params: UserParam,
        body: jsonBody(z.strictObject({ role: z.enum(["owner", "admin", "agent"]) })),
      },
      responses: { 204: { description: "Changed" } },
    }),
    async (c) => {
      await changeRole(c.env, c.get("auth"), c.req.valid("param").userId, c.req.valid("json").role, c.get("requestId"));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/members/{userId}",
      tags: ["team"],
      summary: "Remove a member (admin removes agents; owner anyone)",
      middleware: [requireRole("admin")] as const,
      request: { params: UserParam },
      responses: { 204: { description: "Removed" } },
    }),
    async (c) => {
      await removeMember(c.env, c.get("auth"), c.req.valid("param").userId, c.get("requestId"));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invites",
      tags: ["team"],
      summary: "Invite someone by email (owners invite admins; admins invite agents)",
      middleware: [requireRole("admin")] as const,
      request: {
        body: jsonBody(z.strictObject({ email: Email, role: z.enum(["admin", "agent"]).default("agent") })),
      },
      responses: { 201: ok(Invite, "Invited") },
    }),
    async (c) => c.json(await createInvite(c.env, c.get("auth"), c.req.valid("json"), c.get("requestId")), 201),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/invites",
      tags: ["team"],
      summary: "Pending invites",
      middleware: [requireRole("admin")] as const,
      responses: { 200: ok(z.object({ items: z.array(Invite) })) },
    }),
    async (c) => {
      const rows = await database(c.env.DB)
        .select()
        .from(invites)
        .where(and(eq(invites.tenantId, c.get("auth").tenantId), isNull(invites.acceptedAt), gt(invites.expiresAt, Date.now())))
        .orderBy(desc(invites.createdAt))
        .limit(200);
      return c.json(
        { items: rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: new Date(r.expiresAt).toISOString() })) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/invites/{id}",
      tags: ["team"],
      summary: "Revoke a pending invite",
      middleware: [requireRole("admin")] as const,
      request: { params: IdParam },
      responses: { 204: { description: "Revoked" } },
    }),
    async (c) => {
      const deleted = await database(c.env.DB)
        .delete(invites)
        .where(and(eq(invites.tenantId, c.get("auth").tenantId), eq(invites.id, c.req.valid("param").id), isNull(invites.acceptedAt)))
        .returning({ id: invites.id });
      if (!deleted.length) throw notFound("Invite");
      return c.body(null, 204);
    },
  );

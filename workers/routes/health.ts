import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireAuth, requireRole } from "../http/auth";
import { checkComponents } from "../health/checks";
import { ok } from "../http/openapi";

const Component = z.object({
  name: z.string(),
  status: z.enum(["up", "down", "disabled"]),
  required: z.boolean(),
  latencyMs: z.number(),
  error: z.string().optional(),
});
const VERSION = "0.1.0";

export const healthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["health"],
      summary: "Basic health",
      responses: { 200: ok(z.object({ status: z.string(), version: z.string(), time: z.string() })) },
    }),
    (c) => c.json({ status: "ok", version: VERSION, time: new Date().toISOString() }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/live",
      tags: ["health"],
      summary: "Liveness: the Worker answers",
      responses: { 200: ok(z.object({ status: z.string() })) },
    }),
    (c) => c.json({ status: "ok" }, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/ready",
      tags: ["health"],
      summary: "Readiness: D1, R2 and (when enabled) Postgres; 503 when a required part is down",
      responses: {
        200: ok(z.object({ status: z.string(), components: z.record(z.string(), z.string()) })),
        503: ok(z.object({ status: z.string(), components: z.record(z.string(), z.string()) })),
      },
    }),
    async (c) => {
      const components = await checkComponents(c.env, c.executionCtx);
      const ready = components.every((part) => part.status !== "down" || !part.required);
      return c.json(
        { status: ready ? "ready" : "unavailable", components: Object.fromEntries(components.map((part) => [part.name, part.status])) },
        ready ? 200 : 503,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/detailed",
      tags: ["health"],
      summary: "Each component's status and latency (admin)",
      middleware: [requireAuth, requireRole("admin")] as const,
      responses: {
        200: ok(z.object({ status: z.string(), version: z.string(), environment: z.string(), components: z.array(Component) })),
      },
    }),
    async (c) => {
      const components = await checkComponents(c.env, c.executionCtx);
      const ready = components.every((part) => part.status !== "down" || !part.required);
      return c.json({ status: ready ? "ready" : "unavailable", version: VERSION, environment: c.env.ENVIRONMENT, components }, 200);
    },
  );

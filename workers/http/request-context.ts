import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { AppEnv } from "../env";
import { log } from "./log";
import { recordRequest } from "../metrics/registry";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Accepts or generates X-Request-ID, echoes it, and writes one log line and one metrics sample
 * per request. Logs carry the route pattern (never the raw path, which can hold ids or tokens).
 */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header("X-Request-ID");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", requestId);
  const started = performance.now();
  await next();
  c.res.headers.set("X-Request-ID", requestId);
  const durationMs = performance.now() - started;
  // The handler's pattern is the last matched path that is not a middleware wildcard.
  const route = matchedRoutes(c).findLast((r) => !r.path.endsWith("*"))?.path ?? "unmatched";
  const status = c.res.status;
  recordRequest(c.env, c.executionCtx, { method: c.req.method, route, status, durationMs });
  log(status >= 500 ? "error" : "info", "request", {
    requestId,
    method: c.req.method,
    route,
    status,
    durationMs: Math.round(durationMs * 100) / 100,
    tenantId: c.get("auth")?.tenantId,
  });
};

import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../env";

/** Strict defaults: the SPA ships every asset itself, so nothing external is allowed. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const h = c.res.headers;
  h.set("X-Content-Type-Options", "nosniff");
  h.set("X-Frame-Options", "DENY");
  h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  if (!h.has("Content-Security-Policy")) {
    h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
};

// Built once: the origin check reads WEB_ORIGIN from each request's env.
const webOriginCors = cors({
  origin: (origin, c) => (origin === c.env.WEB_ORIGIN ? origin : null),
  credentials: true,
  allowHeaders: ["Authorization", "Content-Type", "X-Request-ID", "X-Homeline-Client", "Idempotency-Key"],
  exposeHeaders: ["X-Request-ID", "Retry-After", "Content-Disposition"],
  maxAge: 600,
});

/**
 * CORS for the web app's origin. A request without an Origin header is not a cross-origin
 * browser request, so it skips the middleware (which would otherwise build a placeholder
 * response for its headers on every call).
 */
export const corsForWebOrigin: MiddlewareHandler<AppEnv> = (c, next) => (c.req.header("Origin") ? webOriginCors(c, next) : next());

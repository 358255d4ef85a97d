import type { MiddlewareHandler } from "hono";
import type { AppEnv, Role } from "../env";
import { verifyAccessToken } from "../auth/tokens";
import { forbidden, unauthorized } from "./problem";

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3, superadmin: 4 };

/** Bearer access token → c.var.auth. Role checks are separate so each route states its floor. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("Authorization");
  const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
  if (!token) throw unauthorized("Missing bearer token.");
  const result = await verifyAccessToken(c.env, token);
  if (!result.ok) throw unauthorized(result.reason === "expired" ? "Access token expired; refresh it." : "Invalid access token.");
  c.set("auth", result.auth);
  await next();
};

/** Allows `min` and every role above it; a superadmin passes every check. */
export const requireRole =
  (min: Role): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const auth = c.get("auth");
    if (!auth) throw unauthorized();
    if (!hasRole(auth, min)) throw forbidden(`This needs the ${min} role or higher.`);
    await next();
  };

export function hasRole(auth: { role: Role; superadmin: boolean }, min: Role): boolean {
  if (auth.superadmin) return true;
  return RANK[auth.role] >= RANK[min];
}

import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { verifyAccessToken } from "../auth/tokens";
import { currentAccess } from "../auth/access";
import { constantTimeEqual } from "../auth/password";
import { forbidden, unauthorized } from "./problem";

const encoder = new TextEncoder();

/**
 * Platform operations (/metrics, dead-letter replay): a superadmin's access token, or the
 * OPS_TOKEN secret that scrapers and scripts use.
 */
export const requireOps: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("Authorization");
  const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
  if (!token) throw unauthorized("Send the OPS_TOKEN or a superadmin access token as a bearer token.");
  if (c.env.OPS_TOKEN && constantTimeEqual(encoder.encode(token), encoder.encode(c.env.OPS_TOKEN))) return next();
  const result = await verifyAccessToken(c.env, token);
  if (!result.ok) throw unauthorized("Invalid token.");
  // The platform flag is read from the users table, never taken from the token.
  const auth = await currentAccess(c.env, result.identity);
  if (!auth?.superadmin) throw forbidden("Platform operations need a superadmin.");
  c.set("auth", auth);
  await next();
};

import type { MiddlewareHandler } from "hono";
import type { AppEnv, Role } from "../env";
import { verifyAccessToken, verifyTicket, type TicketChannel } from "../auth/tokens";
import { forbidden, unauthorized } from "./problem";

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3, superadmin: 4 };

// GET routes a browser opens directly (a download), which may carry a ticket instead of a header.
const TICKET_ROUTES: [RegExp, TicketChannel][] = [
  [/^\/api\/v1\/leads\/export\.csv$/, "export"],
  [/^\/api\/v1\/scans\/[^/]+\/leads\.csv$/, "export"],
];

/** Bearer access token → c.var.auth. Role checks are separate so each route states its floor. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("Authorization");
  const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
  const ticketChannel = c.req.method === "GET" ? TICKET_ROUTES.find(([path]) => path.test(c.req.path))?.[1] : undefined;
  const ticket = ticketChannel && c.req.query("ticket");
  if (!token && ticket) {
    const claims = await verifyTicket(c.env, ticket, ticketChannel);
    if (!claims) throw unauthorized("The download link expired; start the export again.");
    c.set("auth", claims);
    return next();
  }
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

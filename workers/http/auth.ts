import type { MiddlewareHandler } from "hono";
import type { AppEnv, Env, Role } from "../env";
import { verifyAccessToken, verifyTicket, type Identity, type TicketChannel } from "../auth/tokens";
import { currentAccess } from "../auth/access";
import { forbidden, unauthorized } from "./problem";

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3, superadmin: 4 };

// GET routes a browser opens directly (a download), which may carry a ticket instead of a header.
const TICKET_ROUTES: [RegExp, TicketChannel][] = [
  [/^\/api\/v1\/leads\/export\.csv$/, "export"],
  [/^\/api\/v1\/scans\/[^/]+\/leads\.csv$/, "export"],
];

/**
 * Bearer access token (or a download ticket) → c.var.auth. The token says who is calling; the
 * role and platform flag come from the current membership, so a removed member is refused and a
 * demoted one loses the role at once. Role checks are separate so each route states its floor.
 */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const identity = await callerIdentity(c.req.raw, c.env, c.req.path);
  const auth = await currentAccess(c.env, identity);
  if (!auth) throw unauthorized("Your access to this workspace was removed.");
  c.set("auth", auth);
  await next();
};

async function callerIdentity(request: Request, env: Env, path: string): Promise<Identity> {
  const header = request.headers.get("Authorization");
  const token = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
  const ticketChannel = request.method === "GET" ? TICKET_ROUTES.find(([route]) => route.test(path))?.[1] : undefined;
  const ticket = ticketChannel && new URL(request.url).searchParams.get("ticket");
  if (!token && ticket) {
    const claims = await verifyTicket(env, ticket, ticketChannel);
    if (!claims) throw unauthorized("The download link expired; start the export again.");
    return claims;
  }
  if (!token) throw unauthorized("Missing bearer token.");
  const result = await verifyAccessToken(env, token);
  if (!result.ok) throw unauthorized(result.reason === "expired" ? "Access token expired; refresh it." : "Invalid access token.");
  return result.identity;
}

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

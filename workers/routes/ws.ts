import { Hono } from "hono";
import type { AppEnv } from "../env";
import { verifyTicket } from "../auth/tokens";
import { Problem, unauthorized } from "../http/problem";
import { activityFeed } from "../activity";

/** WebSocket upgrades: the ticket is checked here, its single use in the Durable Object. */
export const wsRoutes = new Hono<AppEnv>().get("/activity", async (c) => {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new Problem(426, "Upgrade Required", "Connect with a WebSocket.");
  const ticket = c.req.query("ticket");
  if (!ticket) throw unauthorized("Missing ticket: POST /api/v1/ws-ticket first.");
  const claims = await verifyTicket(c.env, ticket, "activity");
  if (!claims) throw unauthorized("The ticket is invalid or expired.");
  c.set("auth", claims);
  const headers = new Headers(c.req.raw.headers);
  headers.set("X-Ticket-Jti", claims.jti);
  headers.set("X-Ticket-Exp", String(claims.exp));
  headers.set("X-User-Id", claims.userId);
  const upstream = await activityFeed(c.env, claims.tenantId).fetch(new Request(c.req.url, { headers }));
  if (upstream.status !== 101) throw unauthorized(await upstream.text());
  // Re-wrapped so the shared middleware can add its headers (a stub's response headers are immutable).
  return new Response(null, { status: 101, webSocket: upstream.webSocket, headers: upstream.headers });
});

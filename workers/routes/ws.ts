import { Hono, type Context } from "hono";
import type { AppEnv, AuthContext, Env } from "../env";
import { verifyTicket, type TicketChannel } from "../auth/tokens";
import { currentAccess } from "../auth/access";
import { notFound, Problem, unauthorized } from "../http/problem";

import { walletOwner } from "../wallet/owner";
import { scanReader } from "../scans/repository";

import type { SocketLocation } from "../../durable-objects/lib/socket-directory";
import { activityFeed, callSession, scanProgress, userWallet } from "../../durable-objects/stubs";

interface Target {
  object: { fetch(request: Request): Promise<Response> };
  /** Where the socket lands, for the tenant's socket directory (the activity feed is its own). */
  location?: SocketLocation;
}

/**
 * A ticket-checked upgrade forwarded to the Durable Object that holds the channel's sockets:
 * the signature and the holder's current membership are checked here (uncached: a socket
 * outlives any cache), the single use there. A socket elsewhere than the activity feed is
 * written to the tenant's directory, so a membership change can close it.
 */
async function upgrade(
  c: Context<AppEnv>,
  channel: TicketChannel,
  target: (env: Env, auth: AuthContext) => Promise<Target>,
): Promise<Response> {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new Problem(426, "Upgrade Required", "Connect with a WebSocket.");
  const ticket = c.req.query("ticket");
  if (!ticket) throw unauthorized("Missing ticket: POST /api/v1/ws-ticket first.");
  const claims = await verifyTicket(c.env, ticket, channel);
  if (!claims) throw unauthorized("The ticket is invalid or expired.");
  const auth = await currentAccess(c.env, claims, { fresh: true });
  if (!auth) throw unauthorized("Your access to this workspace was removed.");
  c.set("auth", auth);
  const headers = new Headers(c.req.raw.headers);
  headers.set("X-Ticket-Jti", claims.jti);
  headers.set("X-Ticket-Exp", String(claims.exp));
  headers.set("X-User-Id", auth.userId);
  headers.set("X-Tenant-Id", auth.tenantId);
  const { object, location } = await target(c.env, auth);
  const upstream = await object.fetch(new Request(c.req.url, { headers }));
  if (upstream.status !== 101) throw unauthorized(await upstream.text());
  if (location) await activityFeed(c.env, auth.tenantId).noteSocket(auth.userId, location);
  // Re-wrapped so the shared middleware can add its headers (a stub's response headers are immutable).
  return new Response(null, { status: 101, webSocket: upstream.webSocket, headers: upstream.headers });
}

/** WebSocket upgrades: the workspace's activity feed, the wallet the user spends from (with their quests), a call's live transcript, a scan's progress. */
export const wsRoutes = new Hono<AppEnv>()
  .get("/activity", (c) => upgrade(c, "activity", async (env, auth) => ({ object: activityFeed(env, auth.tenantId) })))
  .get("/wallet", (c) =>
    upgrade(c, "wallet", async (env, auth) => {
      const { userId } = await walletOwner(env, auth.tenantId);
      return { object: userWallet(env, userId), location: { channel: "wallet", name: userId } };
    }),
  )
  .get("/calls/:id", (c) =>
    upgrade(c, "calls", async (env, auth) => {
      const call = await env.DB.prepare(`SELECT id FROM calls WHERE id = ? AND tenant_id = ?`)
        .bind(c.req.param("id"), auth.tenantId)
        .first<{ id: string }>();
      if (!call) throw notFound("Call");
      return { object: callSession(env, call.id), location: { channel: "calls", name: call.id } };
    }),
  )
  .get("/scans/:id", (c) =>
    upgrade(c, "scans", async (env, auth) => {
      const scan = await scanReader(env, auth.tenantId).get(c.req.param("id"));
      if (!scan) throw notFound("Scan");
      return { object: scanProgress(env, scan.id), location: { channel: "scans", name: scan.id } };
    }),
  );

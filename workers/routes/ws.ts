import { Hono, type Context } from "hono";
import type { AppEnv, Env } from "../env";
import { verifyTicket, type TicketChannel } from "../auth/tokens";
import { notFound, Problem, unauthorized } from "../http/problem";
import { activityFeed } from "../activity";
import { billingWallet } from "../wallet/owner";
import { scanReader } from "../scans/repository";
import { scanProgress } from "../scans/progress";

type Claims = NonNullable<Awaited<ReturnType<typeof verifyTicket>>>;

/**
 * A ticket-checked upgrade forwarded to the Durable Object that holds the channel's sockets:
 * the signature is checked here, the single use there.
 */
async function upgrade(
  c: Context<AppEnv>,
  channel: TicketChannel,
  target: (env: Env, claims: Claims) => Promise<{ fetch(request: Request): Promise<Response> }>,
): Promise<Response> {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new Problem(426, "Upgrade Required", "Connect with a WebSocket.");
  const ticket = c.req.query("ticket");
  if (!ticket) throw unauthorized("Missing ticket: POST /api/v1/ws-ticket first.");
  const claims = await verifyTicket(c.env, ticket, channel);
  if (!claims) throw unauthorized("The ticket is invalid or expired.");
  c.set("auth", claims);
  const headers = new Headers(c.req.raw.headers);
  headers.set("X-Ticket-Jti", claims.jti);
  headers.set("X-Ticket-Exp", String(claims.exp));
  headers.set("X-User-Id", claims.userId);
  headers.set("X-Tenant-Id", claims.tenantId);
  const upstream = await (await target(c.env, claims)).fetch(new Request(c.req.url, { headers }));
  if (upstream.status !== 101) throw unauthorized(await upstream.text());
  // Re-wrapped so the shared middleware can add its headers (a stub's response headers are immutable).
  return new Response(null, { status: 101, webSocket: upstream.webSocket, headers: upstream.headers });
}

/** WebSocket upgrades: the workspace's activity feed, the wallet the user spends from (with their quests), a call's live transcript, a scan's progress. */
export const wsRoutes = new Hono<AppEnv>()
  .get("/activity", (c) => upgrade(c, "activity", async (env, claims) => activityFeed(env, claims.tenantId)))
  .get("/wallet", (c) => upgrade(c, "wallet", (env, claims) => billingWallet(env, claims.tenantId)))
  .get("/calls/:id", (c) =>
    upgrade(c, "calls", async (env, claims) => {
      const call = await env.DB.prepare(`SELECT id FROM calls WHERE id = ? AND tenant_id = ?`)
        .bind(c.req.param("id"), claims.tenantId)
        .first<{ id: string }>();
      if (!call) throw notFound("Call");
      return env.CALL_SESSION.get(env.CALL_SESSION.idFromName(call.id));
    }),
  )
  .get("/scans/:id", (c) =>
    upgrade(c, "scans", async (env, claims) => {
      const scan = await scanReader(env, claims.tenantId).get(c.req.param("id"));
      if (!scan) throw notFound("Scan");
      return scanProgress(env, scan.id);
    }),
  );

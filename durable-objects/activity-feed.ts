import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import type { ActivityEvent } from "../workers/activity";

const RECENT = 50;

/**
 * One per tenant: every open dashboard of the tenant holds a hibernatable WebSocket here.
 * Lifecycle: start (constructor: schema + ping auto-response), connect (fetch: single-use
 * ticket check, snapshot), broadcast (publish), close.
 */
export class ActivityFeed extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS recent (seq INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS used_tickets (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
    `);
  }

  /** Connect: the Worker verified the ticket's signature; here it is made single-use. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("Expected a WebSocket upgrade", { status: 426 });
    const jti = request.headers.get("X-Ticket-Jti");
    const expiresAt = Number(request.headers.get("X-Ticket-Exp")) * 1000;
    const userId = request.headers.get("X-User-Id");
    if (!jti || !userId || !expiresAt) return new Response("Missing ticket", { status: 401 });
    const now = Date.now();
    this.ctx.storage.sql.exec(`DELETE FROM used_tickets WHERE expires_at < ?`, now);
    const reused = this.ctx.storage.sql.exec(`SELECT 1 FROM used_tickets WHERE jti = ?`, jti).toArray().length > 0;
    if (reused) return new Response("Ticket already used", { status: 401 });
    this.ctx.storage.sql.exec(`INSERT INTO used_tickets (jti, expires_at) VALUES (?, ?)`, jti, expiresAt);

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [userId]);
    server.serializeAttachment({ userId, connectedAt: now });
    server.send(JSON.stringify({ type: "snapshot", events: this.recent() }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Broadcast: stores the event in the recent list and sends it to every socket. */
  async publish(event: ActivityEvent): Promise<number> {
    const message = JSON.stringify({ type: "event", event });
    this.ctx.storage.sql.exec(`INSERT INTO recent (event) VALUES (?)`, JSON.stringify(event));
    this.ctx.storage.sql.exec(`DELETE FROM recent WHERE seq <= (SELECT max(seq) FROM recent) - ?`, RECENT);
    let delivered = 0;
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(message);
        delivered++;
      } catch {
        // A socket that closed mid-broadcast; the runtime drops it.
      }
    }
    return delivered;
  }

  connections(): number {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "snapshot") socket.send(JSON.stringify({ type: "snapshot", events: this.recent() }));
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    // 1005/1006/1015 are reserved for the runtime and cannot be sent back.
    socket.close(code === 1005 || code === 1006 || code === 1015 ? 1000 : code, "closing");
  }

  private recent(): ActivityEvent[] {
    return this.ctx.storage.sql
      .exec<{ event: string }>(`SELECT event FROM recent ORDER BY seq DESC LIMIT ?`, RECENT)
      .toArray()
      .map((row) => JSON.parse(row.event) as ActivityEvent);
  }
}

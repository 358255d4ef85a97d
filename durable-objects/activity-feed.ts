import { DurableObject } from "cloudflare:workers";
import type { Env } from "../workers/env";
import type { ActivityEvent } from "../workers/activity";
import { claimTicket, closeBack, closeMemberSockets, memberTag, USED_TICKETS_TABLE } from "./lib/tickets";
import { noteSocket, SOCKET_DIRECTORY_TABLE, takeSockets, type SocketLocation } from "./lib/socket-directory";

const RECENT = 50;

/**
 * One per tenant: every open dashboard of the tenant holds a hibernatable WebSocket here, and
 * the directory of the tenant's other sockets lives here too (lib/socket-directory.ts).
 * Lifecycle: start (constructor: schema + ping auto-response), connect (fetch: single-use
 * ticket check, snapshot), broadcast (publish), revoke (closeMember), close.
 */
export class ActivityFeed extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS recent (seq INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL);
      ${USED_TICKETS_TABLE}
      ${SOCKET_DIRECTORY_TABLE}
    `);
  }

  /** Connect: the Worker verified the ticket's signature; here it is made single-use. */
  override async fetch(request: Request): Promise<Response> {
    const holder = claimTicket(this.ctx.storage.sql, request);
    if (holder instanceof Response) return holder;
    const { userId, tenantId } = holder;
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [memberTag(tenantId, userId)]);
    server.serializeAttachment({ userId, connectedAt: Date.now() });
    server.send(JSON.stringify({ type: "snapshot", events: this.recent() }));
    return new Response(null, { status: 101, webSocket: client });
  }

  /** Broadcast: stores the event in the recent list and sends it to every socket. */
  async publish(event: ActivityEvent): Promise<number> {
    const message = JSON.stringify({ type: "event", event });
    this.ctx.storage.sql.exec(`INSERT INTO recent (event) VALUES (?)`, JSON.stringify(event));
    this.ctx.storage.sql.exec(`DELETE FROM recent WHERE seq <= (SELECT max(seq) FROM recent) - ?`, RECENT);
    return this.sendAll(this.ctx.getWebSockets(), message);
  }

  /** Alerts for named members: each goes only to that member's sockets and is not kept in the recent list. */
  async notifyMembers(tenantId: string, deliveries: { userId: string; message: unknown }[]): Promise<number> {
    let delivered = 0;
    for (const { userId, message } of deliveries)
      delivered += this.sendAll(this.ctx.getWebSockets(memberTag(tenantId, userId)), JSON.stringify(message));
    return delivered;
  }

  /** A member opened a socket on another object of the tenant (called by the Worker after the upgrade). */
  noteSocket(userId: string, location: SocketLocation): void {
    noteSocket(this.ctx.storage.sql, userId, location);
  }

  /**
   * A member was removed or their role changed: their dashboards here are closed, and the other
   * objects they have sockets on are handed back for the Worker to close.
   */
  closeMember(tenantId: string, userId: string): SocketLocation[] {
    closeMemberSockets(this.ctx, tenantId, userId);
    return takeSockets(this.ctx.storage.sql, userId);
  }

  /** A live workspace value (conversations waiting for a person) for every socket; not kept either. */
  async broadcast(message: unknown): Promise<number> {
    return this.sendAll(this.ctx.getWebSockets(), JSON.stringify(message));
  }

  connections(): number {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "snapshot") socket.send(JSON.stringify({ type: "snapshot", events: this.recent() }));
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    closeBack(socket, code);
  }

  private sendAll(sockets: WebSocket[], message: string): number {
    let delivered = 0;
    for (const socket of sockets) {
      try {
        socket.send(message);
        delivered++;
      } catch {
        // A socket that closed mid-broadcast; the runtime drops it.
      }
    }
    return delivered;
  }

  private recent(): ActivityEvent[] {
    return this.ctx.storage.sql
      .exec<{ event: string }>(`SELECT event FROM recent ORDER BY seq DESC LIMIT ?`, RECENT)
      .toArray()
      .map((row) => JSON.parse(row.event) as ActivityEvent);
  }
}

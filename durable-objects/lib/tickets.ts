/**
 * Socket tickets are verified by the Worker (signature, channel, expiry) and made single-use
 * here, in the object the socket connects to: each object remembers the ticket ids it took.
 */
export const USED_TICKETS_TABLE = `CREATE TABLE IF NOT EXISTS used_tickets (jti TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);`;

export interface TicketHolder {
  userId: string;
  tenantId: string;
}

/** The ticket's holder, or the response refusing the connection. */
export function claimTicket(sql: SqlStorage, request: Request, now = Date.now()): TicketHolder | Response {
  if (request.headers.get("Upgrade") !== "websocket") return new Response("Expected a WebSocket upgrade", { status: 426 });
  const jti = request.headers.get("X-Ticket-Jti");
  const expiresAt = Number(request.headers.get("X-Ticket-Exp")) * 1000;
  const userId = request.headers.get("X-User-Id");
  const tenantId = request.headers.get("X-Tenant-Id");
  if (!jti || !userId || !tenantId || !expiresAt) return new Response("Missing ticket", { status: 401 });
  sql.exec(`DELETE FROM used_tickets WHERE expires_at < ?`, now);
  if (sql.exec(`SELECT 1 FROM used_tickets WHERE jti = ?`, jti).toArray().length)
    return new Response("Ticket already used", { status: 401 });
  sql.exec(`INSERT INTO used_tickets (jti, expires_at) VALUES (?, ?)`, jti, expiresAt);
  return { userId, tenantId };
}

/** Echoes a close; 1005/1006/1015 are reserved for the runtime and cannot be sent back. */
export function closeBack(socket: WebSocket, code: number): void {
  socket.close(code === 1005 || code === 1006 || code === 1015 ? 1000 : code, "closing");
}

/** The tag every socket of a member carries, so a change to their membership can find it. */
export const memberTag = (tenantId: string, userId: string) => `member:${tenantId}:${userId}`;

/** 4403: the membership that let the socket in was removed or changed; a client may reconnect with a new ticket. */
export const ACCESS_CHANGED = 4403;

/** Closes a member's sockets in this object; returns how many. */
export function closeMemberSockets(ctx: DurableObjectState, tenantId: string, userId: string): number {
  const sockets = ctx.getWebSockets(memberTag(tenantId, userId));
  for (const socket of sockets) {
    try {
      socket.close(ACCESS_CHANGED, "access changed");
    } catch {
      // already closing
    }
  }
  return sockets.length;
}

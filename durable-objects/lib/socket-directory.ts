/**
 * Where each member of a tenant has sockets open outside the tenant's ActivityFeed object (the
 * wallet, a call monitor, a scan's progress), kept by that object so a membership change can
 * reach them all. Entries are written at connect and taken at revocation; a stale one only
 * costs a close that finds nothing.
 */
export type SocketChannel = "wallet" | "calls" | "scans";
export interface SocketLocation {
  channel: SocketChannel;
  /** The Durable Object's name within its namespace. */
  name: string;
}

// Longer than any socket lives between deploys (a deploy disconnects them all).
const KEPT_MS = 7 * 86_400_000;

export const SOCKET_DIRECTORY_TABLE = `CREATE TABLE IF NOT EXISTS member_sockets (
  user_id TEXT NOT NULL, channel TEXT NOT NULL, name TEXT NOT NULL, opened_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, channel, name)
);`;

export function noteSocket(sql: SqlStorage, userId: string, location: SocketLocation, now = Date.now()): void {
  sql.exec(`DELETE FROM member_sockets WHERE opened_at < ?`, now - KEPT_MS);
  sql.exec(
    `INSERT OR REPLACE INTO member_sockets (user_id, channel, name, opened_at) VALUES (?, ?, ?, ?)`,
    userId,
    location.channel,
    location.name,
    now,
  );
}

export function takeSockets(sql: SqlStorage, userId: string): SocketLocation[] {
  const rows = sql
    .exec<{ channel: SocketChannel; name: string }>(`SELECT channel, name FROM member_sockets WHERE user_id = ?`, userId)
    .toArray();
  sql.exec(`DELETE FROM member_sockets WHERE user_id = ?`, userId);
  return rows.map((row) => ({ channel: row.channel, name: row.name }));
}

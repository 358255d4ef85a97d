import { USED_TICKETS_TABLE } from "../lib/tickets";

/**
 * The Wallet DO's SQLite tables. Money rows are per workspace (`tenant_id`): this object holds
 * the accounts of the workspaces its user pays for, and the points, quests and streak of its
 * user in each workspace they belong to.
 */
export const WALLET_SCHEMA = `
  CREATE TABLE IF NOT EXISTS accounts (
    tenant_id TEXT PRIMARY KEY,
    pools TEXT NOT NULL,
    auto_spend TEXT NOT NULL,
    auto_recharge TEXT NOT NULL,
    recharge TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  -- Append-only. The id is the idempotency key; allocation/reservation are the pool moves.
  CREATE TABLE IF NOT EXISTS ledger (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    tenant_id TEXT NOT NULL,
    type TEXT NOT NULL,
    credits INTEGER NOT NULL,
    allocation TEXT NOT NULL,
    reservation TEXT NOT NULL,
    channel TEXT,
    quantity INTEGER,
    reference TEXT,
    actor_id TEXT,
    hold_id TEXT,
    balance_after INTEGER NOT NULL,
    data TEXT,
    fingerprint TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS ledger_tenant_seq ON ledger (tenant_id, seq);
  CREATE INDEX IF NOT EXISTS ledger_tenant_reference ON ledger (tenant_id, reference, type);
  CREATE TABLE IF NOT EXISTS holds (
    id TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    credits INTEGER NOT NULL,
    quantity INTEGER,
    reservation TEXT NOT NULL,
    status TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    reference TEXT
  );
  CREATE INDEX IF NOT EXISTS holds_open ON holds (status, expires_at);

  CREATE TABLE IF NOT EXISTS quest_progress (
    tenant_id TEXT NOT NULL,
    day TEXT NOT NULL,
    quest_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, day, quest_id, subject)
  );
  CREATE TABLE IF NOT EXISTS completed_days (tenant_id TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (tenant_id, day));
  CREATE TABLE IF NOT EXISTS points (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    tenant_id TEXT NOT NULL,
    points INTEGER NOT NULL,
    reason TEXT NOT NULL,
    day TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS points_tenant ON points (tenant_id, seq);

  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  ${USED_TICKETS_TABLE}
`;

/** A small key-value table for cursors and settings that are not per workspace. */
export function readMeta(sql: SqlStorage, key: string): string | null {
  return sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0]?.value ?? null;
}

export function writeMeta(sql: SqlStorage, key: string, value: string): void {
  sql.exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value);
}

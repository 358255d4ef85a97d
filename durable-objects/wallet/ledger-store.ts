import {
  DEFAULT_AUTO_RECHARGE,
  DEFAULT_SPLIT,
  type AutoRecharge,
  type AutoSpend,
  type Channel,
  type EntryType,
  type Moves,
  type Pools,
  type RechargeState,
} from "../../workers/wallet/model";
import { compact } from "../../workers/wallet/pools";
import { NO_RECHARGE } from "../../workers/wallet/recharge";
import type { EntryData, EntryView, HoldView } from "../../workers/wallet/views";

export interface AccountState {
  pools: Pools;
  autoSpend: AutoSpend;
  autoRecharge: AutoRecharge;
  recharge: RechargeState;
}

export interface NewEntry {
  id: string;
  type: EntryType;
  moves: Moves;
  fingerprint: string;
  channel?: Channel | null;
  quantity?: number | null;
  reference?: string | null;
  actorId?: string | null;
  holdId?: string | null;
  data?: EntryData | null;
}

export interface StoredEntry extends EntryView {
  tenantId: string;
  fingerprint: string;
}

export interface HoldRow extends HoldView {
  tenantId: string;
  reservation: Moves["reservation"];
}

export interface LedgerFilter {
  types?: EntryType[];
  channels?: Channel[];
  reference?: string;
  from?: number;
  to?: number;
  /** Entries older than this seq (the previous page's cursor). */
  before?: number;
  limit: number;
}

type Row = Record<string, SqlStorageValue>;

const toEntry = (row: Row): StoredEntry => ({
  id: row.id as string,
  seq: row.seq as number,
  tenantId: row.tenant_id as string,
  type: row.type as EntryType,
  credits: row.credits as number,
  channel: (row.channel as Channel | null) ?? null,
  quantity: (row.quantity as number | null) ?? null,
  reference: (row.reference as string | null) ?? null,
  actorId: (row.actor_id as string | null) ?? null,
  holdId: (row.hold_id as string | null) ?? null,
  balanceAfter: row.balance_after as number,
  data: row.data ? JSON.parse(row.data as string) : null,
  fingerprint: row.fingerprint as string,
  createdAt: row.created_at as number,
});

const toHold = (row: Row): HoldRow => ({
  id: row.id as string,
  tenantId: row.tenant_id as string,
  channel: row.channel as Channel,
  credits: row.credits as number,
  quantity: (row.quantity as number | null) ?? null,
  reservation: JSON.parse(row.reservation as string),
  status: row.status as HoldView["status"],
  expiresAt: row.expires_at as number,
  reference: (row.reference as string | null) ?? null,
});

/** SQL for the Wallet DO's money tables. Callers wrap writes in one transactionSync. */
export class LedgerStore {
  constructor(private readonly sql: SqlStorage) {}

  account(tenantId: string): AccountState {
    const row = this.sql.exec<Row>(`SELECT * FROM accounts WHERE tenant_id = ?`, tenantId).toArray()[0];
    if (!row)
      return { pools: {}, autoSpend: { enabled: false, split: DEFAULT_SPLIT }, autoRecharge: DEFAULT_AUTO_RECHARGE, recharge: NO_RECHARGE };
    return {
      pools: JSON.parse(row.pools as string),
      autoSpend: JSON.parse(row.auto_spend as string),
      autoRecharge: JSON.parse(row.auto_recharge as string),
      recharge: JSON.parse(row.recharge as string),
    };
  }

  saveAccount(tenantId: string, state: AccountState, now: number): void {
    this.sql.exec(
      `INSERT INTO accounts (tenant_id, pools, auto_spend, auto_recharge, recharge, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET pools = excluded.pools, auto_spend = excluded.auto_spend, auto_recharge = excluded.auto_recharge, recharge = excluded.recharge, updated_at = excluded.updated_at`,
      tenantId,
      JSON.stringify(state.pools),
      JSON.stringify(state.autoSpend),
      JSON.stringify(state.autoRecharge),
      JSON.stringify(state.recharge),
      now,
    );
  }

  entry(id: string): StoredEntry | null {
    const row = this.sql.exec<Row>(`SELECT * FROM ledger WHERE id = ?`, id).toArray()[0];
    return row ? toEntry(row) : null;
  }

  append(tenantId: string, entry: NewEntry, balanceAfter: number, now: number): StoredEntry {
    const credits = Object.values(entry.moves.allocation).reduce((sum, value) => sum + (value ?? 0), 0);
    const row = this.sql
      .exec<Row>(
        `INSERT INTO ledger (id, tenant_id, type, credits, allocation, reservation, channel, quantity, reference, actor_id, hold_id, balance_after, data, fingerprint, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        entry.id,
        tenantId,
        entry.type,
        credits,
        JSON.stringify(compact(entry.moves.allocation)),
        JSON.stringify(compact(entry.moves.reservation)),
        entry.channel ?? null,
        entry.quantity ?? null,
        entry.reference ?? null,
        entry.actorId ?? null,
        entry.holdId ?? null,
        balanceAfter,
        entry.data ? JSON.stringify(entry.data) : null,
        entry.fingerprint,
        now,
      )
      .one();
    return toEntry(row);
  }

  hold(tenantId: string, id: string): HoldRow | null {
    const row = this.sql.exec<Row>(`SELECT * FROM holds WHERE id = ? AND tenant_id = ?`, id, tenantId).toArray()[0];
    return row ? toHold(row) : null;
  }

  insertHold(hold: HoldRow): void {
    this.sql.exec(
      `INSERT INTO holds (id, tenant_id, channel, credits, quantity, reservation, status, expires_at, reference) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      hold.id,
      hold.tenantId,
      hold.channel,
      hold.credits,
      hold.quantity,
      JSON.stringify(compact(hold.reservation)),
      hold.status,
      hold.expiresAt,
      hold.reference,
    );
  }

  setHoldStatus(id: string, status: HoldView["status"]): void {
    this.sql.exec(`UPDATE holds SET status = ? WHERE id = ?`, status, id);
  }

  dueHolds(now: number, limit = 100): HoldRow[] {
    return this.sql
      .exec<Row>(`SELECT * FROM holds WHERE status = 'open' AND expires_at <= ? ORDER BY expires_at LIMIT ?`, now, limit)
      .toArray()
      .map(toHold);
  }

  nextHoldExpiry(): number | null {
    return (
      (this.sql.exec<{ at: number | null }>(`SELECT min(expires_at) AS at FROM holds WHERE status = 'open'`).one().at as number | null) ??
      null
    );
  }

  /** Newest first, keyset-paged on seq. */
  page(tenantId: string, filter: LedgerFilter): { items: EntryView[]; nextCursor: number | null } {
    const where = ["tenant_id = ?"];
    const args: SqlStorageValue[] = [tenantId];
    const add = (clause: string, ...values: SqlStorageValue[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (filter.types?.length) add(`type IN (${filter.types.map(() => "?").join(", ")})`, ...filter.types);
    if (filter.channels?.length) add(`channel IN (${filter.channels.map(() => "?").join(", ")})`, ...filter.channels);
    if (filter.reference) add("reference = ?", filter.reference);
    if (filter.from !== undefined) add("created_at >= ?", filter.from);
    if (filter.to !== undefined) add("created_at < ?", filter.to);
    if (filter.before !== undefined) add("seq < ?", filter.before);
    const rows = this.sql
      .exec<Row>(`SELECT * FROM ledger WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`, ...args, filter.limit + 1)
      .toArray();
    const items = rows
      .slice(0, filter.limit)
      .map(toEntry)
      .map(({ tenantId, fingerprint, ...view }) => view);
    return { items, nextCursor: rows.length > filter.limit ? items.at(-1)!.seq : null };
  }

  /** Credits spent (debits and captures) and units used per channel in [from, to). */
  spend(tenantId: string, from: number, to: number): { channel: Channel; credits: number; quantity: number; entries: number }[] {
    return this.sql
      .exec<{ channel: Channel; credits: number; quantity: number; entries: number }>(
        `SELECT channel, -sum(credits) AS credits, coalesce(sum(quantity), 0) AS quantity, count(*) AS entries FROM ledger
         WHERE tenant_id = ? AND type IN ('debit', 'capture') AND created_at >= ? AND created_at < ? GROUP BY channel ORDER BY channel`,
        tenantId,
        from,
        to,
      )
      .toArray();
  }

  /** The highest cumulative refund recorded for a payment, so a repeated or stale event adds nothing. */
  refundedSoFar(tenantId: string, reference: string): number {
    return (
      this.sql
        .exec<{ n: number | null }>(
          `SELECT max(json_extract(data, '$.cumulative')) AS n FROM ledger WHERE tenant_id = ? AND reference = ? AND type = 'refund'`,
          tenantId,
          reference,
        )
        .one().n ?? 0
    );
  }

  /** Entries after `seq` for the D1 projection, in order. */
  after(seq: number, limit: number): StoredEntry[] {
    return this.sql.exec<Row>(`SELECT * FROM ledger WHERE seq > ? ORDER BY seq LIMIT ?`, seq, limit).toArray().map(toEntry);
  }

  /** Sums for reconciliation: all entries, those up to `uptoSeq` (what the projection has), and the reservations. */
  sums(tenantId: string, uptoSeq: number): { sum: number; entries: number; sumUpTo: number; entriesUpTo: number; reservedSum: number } {
    const row = this.sql
      .exec<{ sum: number; entries: number; sum_upto: number; entries_upto: number }>(
        `SELECT coalesce(sum(credits), 0) AS sum, count(*) AS entries, coalesce(sum(CASE WHEN seq <= ? THEN credits END), 0) AS sum_upto, count(CASE WHEN seq <= ? THEN 1 END) AS entries_upto FROM ledger WHERE tenant_id = ?`,
        uptoSeq,
        uptoSeq,
        tenantId,
      )
      .one();
    const reservedSum = this.sql
      .exec<{ reserved: number }>(
        `SELECT coalesce(sum(value), 0) AS reserved FROM ledger, json_each(ledger.reservation) WHERE tenant_id = ?`,
        tenantId,
      )
      .one().reserved;
    return { sum: row.sum, entries: row.entries, sumUpTo: row.sum_upto, entriesUpTo: row.entries_upto, reservedSum };
  }
}

/**
 * The wallet's vocabulary. One credit is one US cent: prices, packs and balances are integers,
 * so no rounding ever happens inside the ledger.
 */
export const CHANNELS = ["voice", "sms", "whatsapp", "email", "scan"] as const;
export type Channel = (typeof CHANNELS)[number];

export const ENTRY_TYPES = ["purchase", "debit", "hold", "capture", "release", "refund", "adjustment", "reward", "auto_recharge"] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/** The general balance plus one budget per channel (auto-spend fills the budgets). */
export type Pool = "general" | Channel;
export const POOLS: readonly Pool[] = ["general", ...CHANNELS];

/** Signed amounts per pool; a missing pool is zero. */
export type PoolAmounts = Partial<Record<Pool, number>>;

export interface PoolState {
  balance: number;
  /** Held for open holds: still in the balance, but not spendable. */
  reserved: number;
}
export type Pools = Partial<Record<Pool, PoolState>>;

/** What one ledger entry does to the pools: balance deltas and reservation deltas. */
export interface Moves {
  allocation: PoolAmounts;
  reservation: PoolAmounts;
}

/** Percent of each purchase that goes to a channel's budget; the rest stays general. */
export type Split = Partial<Record<Channel, number>>;
export const DEFAULT_SPLIT: Split = { voice: 35, sms: 35, email: 30 };

export interface AutoSpend {
  enabled: boolean;
  split: Split;
}

export interface AutoRecharge {
  enabled: boolean;
  /** Recharge when the spendable balance falls below this many credits. */
  threshold: number;
  /** Credits bought per recharge (charged at one cent each). */
  credits: number;
}

export interface RechargeState {
  /** The attempt in flight: its key is the Stripe idempotency key. */
  pending: { key: string; since: number } | null;
  lastFailure: { at: number; message: string } | null;
  lastSuccess: { at: number; credits: number } | null;
}

export const DEFAULT_AUTO_RECHARGE: AutoRecharge = { enabled: false, threshold: 500, credits: 2_000 };

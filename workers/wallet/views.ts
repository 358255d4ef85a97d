import {
  CHANNELS,
  type AutoRecharge,
  type AutoSpend,
  type Channel,
  type EntryType,
  type Pools,
  type PoolState,
  type RechargeState,
} from "./model";
import { totals } from "./pools";

/** What an entry notes beyond its columns (a reason, an expiry, a refund's amounts). */
export type EntryData = Record<string, string | number | boolean | null>;

/** One ledger entry as the API shows it; `credits` is its signed effect on the balance. */
export interface EntryView {
  id: string;
  seq: number;
  type: EntryType;
  credits: number;
  channel: Channel | null;
  quantity: number | null;
  reference: string | null;
  actorId: string | null;
  holdId: string | null;
  balanceAfter: number;
  data: EntryData | null;
  createdAt: number;
}

export interface HoldView {
  id: string;
  channel: Channel;
  credits: number;
  quantity: number | null;
  status: "open" | "captured" | "released" | "expired";
  expiresAt: number;
  reference: string | null;
}

export interface AccountView {
  balance: number;
  reserved: number;
  /** What can be spent now: the balance minus open holds. */
  available: number;
  general: PoolState;
  budgets: Record<Channel, PoolState>;
  autoSpend: AutoSpend;
  autoRecharge: AutoRecharge;
  recharge: RechargeState;
}

export function accountView(pools: Pools, autoSpend: AutoSpend, autoRecharge: AutoRecharge, recharge: RechargeState): AccountView {
  const empty = { balance: 0, reserved: 0 };
  return {
    ...totals(pools),
    general: pools.general ?? empty,
    budgets: Object.fromEntries(CHANNELS.map((channel) => [channel, pools[channel] ?? empty])) as Record<Channel, PoolState>,
    autoSpend,
    autoRecharge,
    recharge,
  };
}

/** JSON shapes (API and sockets alike): times as ISO 8601. */
export const entryJson = (entry: EntryView) => ({ ...entry, createdAt: new Date(entry.createdAt).toISOString() });
export const holdJson = (hold: HoldView) => ({ ...hold, expiresAt: new Date(hold.expiresAt).toISOString() });

/** Shapes of the wallet and quests API (workers/routes/wallet*.ts, quests.ts). 1 credit = $0.01. */

export const CHANNELS = ["voice", "sms", "whatsapp", "email", "scan"] as const;
export type Channel = (typeof CHANNELS)[number];
export const ENTRY_TYPES = ["purchase", "debit", "hold", "capture", "release", "refund", "adjustment", "reward", "auto_recharge"] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface PoolState {
  balance: number;
  reserved: number;
}

export interface AutoSpend {
  enabled: boolean;
  split: Partial<Record<Channel, number>>;
}

export interface AutoRecharge {
  enabled: boolean;
  threshold: number;
  credits: number;
}

export interface Account {
  balance: number;
  reserved: number;
  available: number;
  general: PoolState;
  budgets: Record<Channel, PoolState>;
  autoSpend: AutoSpend;
  autoRecharge: AutoRecharge;
  recharge: {
    pending: { key: string; since: number } | null;
    lastFailure: { at: number; message: string } | null;
    lastSuccess: { at: number; credits: number } | null;
  };
}

export interface WalletSummary extends Account {
  payments: "stripe" | "local" | "unavailable";
  card: string | null;
  canManage: boolean;
  packs: { id: string; credits: number; label: string; priceCents: number }[];
  prices: { channel: Channel; credits: number; unit: string }[];
}

export interface LedgerEntry {
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
  data: Record<string, string | number | boolean | null> | null;
  createdAt: string;
}

export interface Quest {
  id: string;
  title: string;
  target: number;
  progress: number;
  points: number;
  completed: boolean;
}

export interface Quests {
  day: string;
  timeZone: string;
  resetsAt: string;
  quests: Quest[];
  streak: { current: number; best: number; atRisk: boolean; repairAvailable: boolean; lastRepair: string | null };
  points: number;
}

export interface LeaderboardRow {
  rank: number;
  userId: string;
  name: string;
  points: number;
  streak: number;
  bestStreak: number;
}

export type WalletMessage =
  | { type: "snapshot"; wallet: Account; quests: Quests }
  | { type: "wallet"; wallet: Account; entries: LedgerEntry[] }
  | { type: "quests"; quests: Quests }
  | { type: "leaderboard" };

/** Shapes of the wallet and quests API, derived from the Worker's routes. 1 credit = $0.01. */
import type { ApiClient, Ok } from "../api/contract";

export type WalletSummary = Ok<ApiClient["wallet"]["$get"]>;
export type Account = Ok<ApiClient["wallet"]["auto-spend"]["$put"]>;
export type LedgerEntry = Ok<ApiClient["wallet"]["ledger"]["$get"]>["items"][number];
export type Channel = keyof Account["budgets"];
export type EntryType = LedgerEntry["type"];
export type Quests = Ok<ApiClient["quests"]["$get"]>;
export type Quest = Quests["quests"][number];
export type LeaderboardRow = Ok<ApiClient["quests"]["leaderboard"]["$get"]>["items"][number];

// Lists the UI iterates over; `satisfies` keeps them to the API's own values.
export const CHANNELS = ["voice", "sms", "whatsapp", "email", "scan"] as const satisfies readonly Channel[];
export const ENTRY_TYPES = [
  "purchase",
  "debit",
  "hold",
  "capture",
  "release",
  "refund",
  "adjustment",
  "reward",
  "auto_recharge",
] as const satisfies readonly EntryType[];

export type WalletMessage =
  | { type: "snapshot"; wallet: Account; quests: Quests }
  | { type: "wallet"; wallet: Account; entries: LedgerEntry[] }
  | { type: "quests"; quests: Quests }
  | { type: "leaderboard" };

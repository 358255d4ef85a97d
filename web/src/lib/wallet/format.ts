import { formatNumber } from "../format";
import type { Channel, EntryType } from "./types";

export const CHANNEL_LABELS: Record<Channel, string> = { voice: "Voice", sms: "SMS", whatsapp: "WhatsApp", email: "Email", scan: "Scans" };
export const ENTRY_LABELS: Record<EntryType, string> = {
  purchase: "Purchase",
  debit: "Charge",
  hold: "Hold",
  capture: "Capture",
  release: "Release",
  refund: "Refund",
  adjustment: "Adjustment",
  reward: "Reward",
  auto_recharge: "Auto-recharge",
};

export const formatCredits = (credits: number) => formatNumber(credits);
/** Credits are cents: 2,000 credits is $20.00. */
export const formatDollars = (cents: number) =>
  new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" }).format(cents / 100);
/** "+2,000" / "−56" for ledger amounts. */
export const signedCredits = (credits: number) =>
  credits > 0 ? `+${formatNumber(credits)}` : credits < 0 ? `−${formatNumber(-credits)}` : "0";

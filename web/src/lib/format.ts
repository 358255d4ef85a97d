import type { LeadSource, LeadStatus, Role } from "./api/types";

export const SOURCE_LABELS: Record<LeadSource, string> = {
  whatsapp: "WhatsApp",
  sms: "SMS",
  voice: "Voice call",
  web: "Web form",
  scan: "Area scan",
  import: "Import",
  manual: "Manual",
};
export const STATUS_LABELS: Record<LeadStatus, string> = {
  new: "New",
  contacted: "Contacted",
  qualified: "Qualified",
  booked: "Booked",
  won: "Won",
  lost: "Lost",
};
export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", admin: "Admin", agent: "Agent" };

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const tradeLabel = (trade: string | null) => (!trade ? "—" : trade === "hvac" ? "HVAC" : capitalize(trade));

const numberFormat = new Intl.NumberFormat();
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const shortDateFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });

export const formatNumber = (n: number) => numberFormat.format(n);
export const formatDate = (iso: string) => dateFormat.format(new Date(iso));
/** "Nov 21" this year, "Nov 21, 2025" before. */
export const formatShortDate = (iso: string) =>
  new Date(iso).getFullYear() === new Date().getFullYear() ? shortDateFormat.format(new Date(iso)) : formatDate(iso);
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));
export const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

/** "just now", "5 minutes ago", "yesterday"… relative to `now` (ms). */
export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["minute", 60],
    ["hour", 3600],
    ["day", 86_400],
    ["week", 604_800],
  ];
  let chosen: [Intl.RelativeTimeFormatUnit, number] = ["minute", 60];
  for (const unit of units) if (Math.abs(seconds) >= unit[1]) chosen = unit;
  if (chosen[0] === "week" && Math.abs(seconds) > 4 * 604_800) return formatDate(iso);
  return relativeFormat.format(Math.round(seconds / chosen[1]), chosen[0]);
}

/** North American numbers read as +1 (512) 555-0100; other E.164 numbers are shown as stored. */
export function formatPhone(e164: string | null): string {
  const nanp = e164 && /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}` : (e164 ?? "");
}

/** Where the AI is in a conversation, as a person would say it. */
export const STAGE_LABELS: Record<string, string> = {
  collecting: "Getting details",
  offering: "Times offered",
  booked: "Booked",
  handoff: "Needs the team",
};
export const stageLabel = (stage: string) => STAGE_LABELS[stage] ?? stage;

/** An area as people in the workspace's country say it: acres (or square miles) in the US, km² elsewhere. */
export function formatArea(km2: number, miles: boolean): string {
  if (!miles) return `${km2 < 1 ? km2.toFixed(2) : km2.toFixed(1)} km²`;
  const acres = km2 * 247.105;
  return acres < 640 ? `${Math.round(acres).toLocaleString("en-US")} acres` : `${(acres / 640).toFixed(1)} sq mi`;
}

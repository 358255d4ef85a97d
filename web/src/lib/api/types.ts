// The call records' own types come from the Worker's pure type file.
import type { TranscriptEntry, TurnLatency } from "../../../../workers/voice/records/types";

/** Shapes of the Homeline API (see workers/routes and GET /api/openapi.json). */

export const LEAD_SOURCES = ["whatsapp", "sms", "voice", "web", "scan", "import", "manual"] as const;
export const LEAD_STATUSES = ["new", "contacted", "qualified", "booked", "won", "lost"] as const;
export const TRADES = [
  "roofing",
  "plumbing",
  "electrical",
  "hvac",
  "renovation",
  "handyman",
  "painting",
  "carpentry",
  "flooring",
  "landscaping",
  "other",
] as const;
export const LEAD_SORTS = ["-createdAt", "createdAt", "-updatedAt", "updatedAt", "-score", "score", "-name", "name"] as const;

export type LeadSource = (typeof LEAD_SOURCES)[number];
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type Trade = (typeof TRADES)[number];
export type LeadSort = (typeof LEAD_SORTS)[number];
export type Role = "owner" | "admin" | "agent";

export interface User {
  id: string;
  email: string;
  name: string;
  superadmin: boolean;
}

export interface Session {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshExpiresAt: string;
  user: User;
  tenant: { id: string; name: string; slug: string };
  role: Role;
}

export interface ScoreFactor {
  key: string;
  label: string;
  weight: number;
  points: number;
  detail: string;
}

export interface Lead {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  city: string | null;
  postcode: string | null;
  lat: number | null;
  lng: number | null;
  trade: Trade | null;
  description: string | null;
  source: LeadSource;
  status: LeadStatus;
  score: number;
  scoreFactors: ScoreFactor[];
  hot: boolean;
  assigneeId: string | null;
  tags: string[];
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Writable lead fields, as sent to POST and PATCH /api/v1/leads. */
export type LeadInput = Pick<
  Lead,
  | "name"
  | "phone"
  | "email"
  | "address"
  | "city"
  | "postcode"
  | "lat"
  | "lng"
  | "trade"
  | "description"
  | "source"
  | "status"
  | "assigneeId"
  | "tags"
  | "notes"
>;

export interface LeadPage {
  items: Lead[];
  nextCursor: string | null;
  total?: number;
}

export interface LeadDuplicate {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
}

export interface LeadEvent {
  id: string;
  type: string;
  actor: { id: string; name: string } | null;
  data: { changes?: Record<string, [unknown, unknown]>; score?: number; source?: string; bulk?: boolean } | null;
  createdAt: string;
}

export interface BulkChange {
  status?: LeadStatus;
  assigneeId?: string | null;
  addTags?: string[];
  removeTags?: string[];
}

export interface ImportResult {
  imported: number;
  skipped: number;
  errors: { row: number; field: string; message: string }[];
  duplicates: { row: number; leadId?: string; duplicateOfRow?: number; match: string }[];
}

export interface Dashboard {
  leadsToday: number;
  leadsThisWeek: number;
  total: number;
  bySource: Partial<Record<LeadSource, number>>;
  byStatus: Partial<Record<LeadStatus, number>>;
  hotLeads: Lead[];
}

export interface ActivityEvent {
  /** Unique (act_…), so an event seen twice (snapshot and live, reconnects) is shown once. */
  id: string;
  type:
    | "lead.created"
    | "lead.updated"
    | "lead.deleted"
    | "leads.bulk_updated"
    | "leads.imported"
    // From conversations: an urgent job, bookings, and a customer handed to (or writing to) the team.
    | "lead.urgent"
    | "booking.created"
    | "booking.rescheduled"
    | "booking.cancelled"
    | "conversation.handoff"
    | "conversation.message";
  at: string;
  actor: { id: string | null; name: string | null };
  lead?: Pick<Lead, "id" | "name" | "status" | "score" | "hot" | "source">;
  count?: number;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export interface Invite {
  id: string;
  email: string;
  role: "admin" | "agent";
  expiresAt: string;
  acceptUrl?: string;
}

export interface TenantSummary {
  id: string;
  name: string;
  slug: string;
  members: number;
  leads: number;
  createdAt: string;
}

export type CallOutcome =
  | "completed"
  | "transferred"
  | "transfer_unanswered"
  | "refused_budget"
  | "refused_cap"
  | "busy"
  | "no-answer"
  | "failed"
  | "canceled";

export interface Call {
  id: string;
  from: string;
  to: string;
  status: string;
  outcome: CallOutcome | null;
  mode: "gather" | "stream";
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  billedMinutes: number | null;
  costCredits: number | null;
  endReason: string | null;
  summary: string | null;
  qualificationScore: number | null;
  lead: { id: string; name: string; score: number } | null;
}

export type { TurnLatency };
export type TranscriptLine = TranscriptEntry;

export interface CallDetail extends Call {
  recordingUrl: string | null;
  recordingSeconds: number | null;
  transcript: TranscriptLine[];
  latency: { turns: TurnLatency[]; firstFrameP50: number | null; firstFrameP95: number | null };
  inboundFrames: number | null;
  outboundFrames: number | null;
  /** The message left after a transfer nobody answered (transcript null without a speech-to-text key). */
  voicemail: { url: string | null; seconds: number | null; transcript: string | null } | null;
  /** The missed-call text and the thread it opened. */
  textBack: { sentAt: string; conversationId: string | null } | null;
}

export interface VoiceSettings {
  forwardNumber: string | null;
  voiceMode: "auto" | "gather";
  /** Calls open with the recording disclosure (on by default). */
  recordingDisclosure: boolean;
  disclosureText: string;
}

export type NotificationKind = "needs_person" | "urgent_lead" | "booking" | "call" | "message_failed" | "wallet_low" | "handoff_escalation";

/** GET /notifications items; also pushed live on the activity socket as { type: "notification", notification, unread }. */
export interface AppNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPreferences {
  kinds: { kind: NotificationKind; label: string; inApp: boolean; push: boolean; sms: boolean; email: boolean }[];
  smsPhone: string | null;
  quietHours: { start: string; end: string } | null;
  timeZone: string;
}

/**
 * The conversation engine: one interface, shared by WhatsApp/SMS and (later) voice. An engine
 * reads the customer's message and the conversation so far, acts through the tools (which are
 * bound to one tenant and one conversation) and returns what to say.
 */

export const URGENCIES = ["emergency", "soon", "flexible"] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface JobDetails {
  trade?: string;
  description?: string;
  urgency?: Urgency;
  address?: string;
  city?: string;
  /** US state code or county. */
  region?: string;
  postcode?: string;
  name?: string;
  lat?: number;
  lng?: number;
  /** How lat/lng were found ("location pin", "ZIP 78704 centroid", …): part of the matching explanation. */
  locatedBy?: string;
}

/** What still has to be known before a pro can be matched and slots offered. */
const REQUIRED_DETAILS = ["trade", "address", "name", "urgency"] as const;
export type RequiredDetail = (typeof REQUIRED_DETAILS)[number];

export interface OfferedSlot {
  id: string;
  proId: string;
  proName: string;
  start: number;
  end: number;
  label: string;
}

export type Stage = "collecting" | "offering" | "booked" | "handoff";

/** A message a team member sent the customer while they had the conversation. */
export interface TeamNote {
  text: string;
  at: number;
  by?: string;
}

/** The part of a conversation's state engines read; tools keep it current as they act. */
export interface EngineState {
  stage: Stage;
  job: JobDetails;
  /** The detail the last reply asked for, so a bare answer ("Maria") fills it. */
  asked: RequiredDetail | null;
  offered: OfferedSlot[];
  booking: { id: string; label: string; proName: string } | null;
  /** What the team wrote (the last few messages): after a hand-back the AI stands by it. */
  teamNotes?: TeamNote[];
}

export interface Choice {
  id: string;
  title: string;
  description?: string;
}

export interface Reply {
  text: string;
  /** Rendered as reply buttons / a list on WhatsApp, numbered lines on SMS. */
  choices?: Choice[];
}

export interface CustomerMessage {
  text: string;
  choiceId?: string;
  location?: { lat: number; lng: number; name?: string; address?: string };
}

export interface HistoryEntry {
  /** "team": a person on the team wrote it (while they had taken over). */
  role: "customer" | "assistant" | "team";
  text: string;
}

export interface TurnInput {
  tenantName: string;
  channel: "whatsapp" | "sms" | "voice";
  message: CustomerMessage;
  /** Up to the last 20 messages, oldest first, not including `message`. */
  history: HistoryEntry[];
  state: EngineState;
  settings: { model: string; instructions: string | null };
  /** The workspace's IANA zone, for times said back to the customer. */
  timeZone?: string;
  /** Streaming: called with each piece of reply text as it is produced (voice speaks it at once). */
  onText?: (delta: string) => void;
  /** Aborting stops the turn: the model request is cancelled and no further tool is run. */
  signal?: AbortSignal;
}

export type SlotSearch = { ok: true; proName: string; slots: OfferedSlot[] } | { ok: false; problem: string };
export type BookingOutcome =
  | { ok: true; label: string; proName: string; rescheduled: boolean }
  | { ok: false; reason: string; alternatives: OfferedSlot[] };

/** Actions an engine may take. Every one is scoped to the caller's tenant and conversation. */
export interface EngineTools {
  saveJobDetails(details: JobDetails): Promise<{ job: JobDetails; missing: RequiredDetail[] }>;
  findAvailableSlots(): Promise<SlotSearch>;
  bookSlot(slotId: string): Promise<BookingOutcome>;
  cancelBooking(): Promise<{ ok: boolean; detail: string }>;
  handoffToHuman(reason: string): Promise<void>;
}

export interface TurnResult {
  replies: Reply[];
  /** Which engine produced the replies ("claude", "local", or "local (fallback)"). */
  engine: string;
}

export interface ConversationEngine {
  readonly name: string;
  turn(input: TurnInput, tools: EngineTools): Promise<TurnResult>;
}

export function missingDetails(job: JobDetails): RequiredDetail[] {
  return REQUIRED_DETAILS.filter((key) => (key === "address" ? !job.address && !job.postcode && job.lat === undefined : !job[key]));
}

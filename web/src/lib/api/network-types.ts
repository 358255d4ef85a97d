/** Shapes of the conversations, pros, bookings and channels APIs (see workers/routes and /api/openapi.json). */

export interface Thread {
  id: string;
  channel: "whatsapp" | "sms";
  channelId: string;
  contactAddress: string;
  contactPhone: string | null;
  contactName: string | null;
  leadId: string | null;
  bookingId: string | null;
  stage: string;
  mode: "ai" | "human";
  takenOverBy: string | null;
  windowOpen: boolean;
  lastInboundAt: string | null;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  createdAt: string;
}

export interface Message {
  id: string;
  direction: "in" | "out";
  author: "customer" | "ai" | "agent" | "system";
  kind: string;
  body: string;
  payload: Record<string, unknown> | null;
  mediaUrl: string | null;
  mediaType: string | null;
  status: string;
  simulated: boolean;
  errorCode: string | null;
  lastError: string | null;
  createdAt: string;
}

export type ThreadDetail = Thread & { messages: Message[] };

export interface Hours {
  weekday: number;
  start: string;
  end: string;
}

export interface Pro {
  id: string;
  name: string;
  phone: string;
  trades: string[];
  timeZone: string;
  active: boolean;
  jobCap: number;
  activeJobs: number;
  postcodes: string[];
  cities: string[];
  baseLat: number | null;
  baseLng: number | null;
  radiusKm: number | null;
  hours: Hours[];
  overrides: { date: string; start?: string; end?: string }[];
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  lastAssignedAt: string | null;
  createdAt: string;
}

export interface ProJob {
  assignmentId: string;
  leadId: string;
  leadName: string;
  trade: string | null;
  status: string;
  reason: string;
  assignedAt: string;
}

export interface Slot {
  start: string;
  end: string;
  label: string;
}

export interface Booking {
  id: string;
  proId: string;
  proName: string;
  leadId: string | null;
  conversationId: string | null;
  start: string;
  end: string;
  timeZone: string;
  label: string;
  status: "confirmed" | "cancelled" | "completed";
  customerName: string;
  customerPhone: string | null;
  trade: string | null;
  summary: string | null;
  address: string | null;
  rescheduledFrom: string | null;
  createdAt: string;
}

export interface Channel {
  id: string;
  kind: "whatsapp" | "sms";
  address: string;
  displayNumber: string;
  label: string;
  templateName: string;
  templateLanguage: string;
  active: boolean;
  createdAt: string;
}

export interface AiSettings {
  engine: "auto" | "claude" | "local";
  model: string;
  instructions: string | null;
}

export interface ChannelSettings {
  items: Channel[];
  ai: AiSettings;
  webhooks: Record<string, string>;
  configured: Record<string, boolean>;
}

export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const CHANNEL_LABELS: Record<Thread["channel"], string> = { whatsapp: "WhatsApp", sms: "SMS" };

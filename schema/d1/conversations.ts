// Conversations, routing and booking (issue 3). Same conventions as tables.ts: epoch-ms
// timestamps, prefixed time-sortable ids, tenant_id first in every tenant-owned index.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tables";

// A WhatsApp Cloud API number (address = phone_number_id) or a Twilio number (address = E.164).
// The address is unique across tenants: it is how an inbound webhook finds its tenant.
export const channels = sqliteTable(
  "channels",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["whatsapp", "sms"] }).notNull(),
    address: text("address").notNull(),
    displayNumber: text("display_number").notNull(),
    label: text("label").notNull(),
    // WhatsApp template used when the 24-hour window is closed.
    templateName: text("template_name").notNull().default("homeline_follow_up"),
    templateLanguage: text("template_language").notNull().default("en_US"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("channels_kind_address").on(t.kind, t.address), index("channels_tenant").on(t.tenantId, t.kind)],
);

// Which engine answers and how (model, extra instructions) per tenant.
export const aiSettings = sqliteTable("ai_settings", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  engine: text("engine", { enum: ["auto", "claude", "local"] })
    .notNull()
    .default("auto"),
  model: text("model").notNull(),
  instructions: text("instructions"),
  updatedAt: integer("updated_at").notNull(),
});

// Every webhook body exactly as received (after its signature checked out), so nothing
// acknowledged is lost: the queue message carries only the id.
export const inboundEvents = sqliteTable(
  "inbound_events",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    channelId: text("channel_id").notNull(),
    provider: text("provider", { enum: ["whatsapp", "twilio"] }).notNull(),
    contentType: text("content_type").notNull(),
    body: text("body").notNull(),
    receivedAt: integer("received_at").notNull(),
    processedAt: integer("processed_at"),
    // The provider's ids of what the body carries (message ids, status ids with their status):
    // a resend of a stored delivery conflicts on it and is acknowledged without queuing again.
    deliveryKey: text("delivery_key"),
  },
  (t) => [
    index("inbound_events_tenant").on(t.tenantId, t.receivedAt),
    index("inbound_events_pending").on(t.processedAt, t.receivedAt),
    uniqueIndex("inbound_events_delivery").on(t.tenantId, t.channelId, t.deliveryKey),
  ],
);

export const conversations = sqliteTable(
  "conversations",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    channelId: text("channel_id").notNull(),
    channel: text("channel", { enum: ["whatsapp", "sms"] }).notNull(),
    // wa_id for WhatsApp, E.164 for SMS: the address replies go to.
    contactAddress: text("contact_address").notNull(),
    contactPhone: text("contact_phone"),
    contactName: text("contact_name"),
    leadId: text("lead_id"),
    bookingId: text("booking_id"),
    stage: text("stage").notNull(),
    // "ai": the engine answers; "human": a member took over and the engine stays quiet.
    mode: text("mode", { enum: ["ai", "human"] })
      .notNull()
      .default("ai"),
    takenOverBy: text("taken_over_by"),
    lastInboundAt: integer("last_inbound_at"),
    lastMessageAt: integer("last_message_at").notNull(),
    lastMessagePreview: text("last_message_preview"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("conversations_contact").on(t.tenantId, t.channelId, t.contactAddress),
    index("conversations_tenant_recent").on(t.tenantId, t.lastMessageAt, t.id),
    index("conversations_tenant_lead").on(t.tenantId, t.leadId),
  ],
);

export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    conversationId: text("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    author: text("author", { enum: ["customer", "ai", "agent", "system"] }).notNull(),
    kind: text("kind").notNull(),
    body: text("body").notNull(),
    // Buttons/list rows offered, a shared location, a template: what the body alone cannot say.
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>(),
    mediaKey: text("media_key"),
    mediaType: text("media_type"),
    providerMessageId: text("provider_message_id"),
    outboxId: text("outbox_id"),
    status: text("status").notNull(),
    // Provider timestamp of the status applied last: older updates arriving late are ignored.
    statusAt: integer("status_at"),
    errorCode: text("error_code"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("messages_conversation").on(t.tenantId, t.conversationId, t.createdAt),
    uniqueIndex("messages_provider_id").on(t.tenantId, t.providerMessageId),
    index("messages_outbox").on(t.outboxId),
  ],
);

// Consent ledger: every opt-out and opt-in, append-only; the latest row per number decides.
export const consentEvents = sqliteTable(
  "consent_events",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    address: text("address").notNull(),
    action: text("action", { enum: ["opt_out", "opt_in"] }).notNull(),
    keyword: text("keyword").notNull(),
    channel: text("channel").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("consent_events_address").on(t.tenantId, t.address, t.createdAt)],
);

export const pros = sqliteTable(
  "pros",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    trades: text("trades", { mode: "json" }).notNull().$type<string[]>(),
    timeZone: text("time_zone").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    jobCap: integer("job_cap").notNull().default(3),
    // Optional radius area around a base point, in addition to listed postcodes/cities.
    baseLat: real("base_lat"),
    baseLng: real("base_lng"),
    radiusKm: real("radius_km"),
    slotMinutes: integer("slot_minutes").notNull().default(60),
    bufferMinutes: integer("buffer_minutes").notNull().default(30),
    minNoticeMinutes: integer("min_notice_minutes").notNull().default(60),
    lastAssignedAt: integer("last_assigned_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("pros_tenant").on(t.tenantId, t.active, t.name)],
);

export const proAreas = sqliteTable(
  "pro_areas",
  {
    tenantId: text("tenant_id").notNull(),
    proId: text("pro_id")
      .notNull()
      .references(() => pros.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["postcode", "city"] }).notNull(),
    // Normalized: postcodes upper case without spaces, cities lower case.
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.proId, t.kind, t.value] }), index("pro_areas_tenant").on(t.tenantId, t.kind, t.value)],
);

// Weekly hours as local clock minutes in the pro's time zone; weekday 0 = Monday.
export const proHours = sqliteTable(
  "pro_hours",
  {
    tenantId: text("tenant_id").notNull(),
    proId: text("pro_id")
      .notNull()
      .references(() => pros.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
  },
  (t) => [primaryKey({ columns: [t.proId, t.weekday, t.startMinute] }), index("pro_hours_tenant").on(t.tenantId, t.proId)],
);

// A date override replaces that day's weekly hours; no ranges (start null) means a day off.
export const proOverrides = sqliteTable(
  "pro_overrides",
  {
    tenantId: text("tenant_id").notNull(),
    proId: text("pro_id")
      .notNull()
      .references(() => pros.id, { onDelete: "cascade" }),
    date: text("date").notNull(),
    startMinute: integer("start_minute").notNull().default(-1),
    endMinute: integer("end_minute").notNull().default(-1),
  },
  (t) => [primaryKey({ columns: [t.proId, t.date, t.startMinute] }), index("pro_overrides_tenant").on(t.tenantId, t.proId)],
);

// A lead routed to a pro. Active assignments are the pro's active jobs (capped by job_cap).
export const assignments = sqliteTable(
  "assignments",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    leadId: text("lead_id").notNull(),
    proId: text("pro_id")
      .notNull()
      .references(() => pros.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: text("status", { enum: ["active", "released", "done"] }).notNull(),
    assignedAt: integer("assigned_at").notNull(),
    endedAt: integer("ended_at"),
  },
  (t) => [
    index("assignments_pro").on(t.tenantId, t.proId, t.status),
    index("assignments_lead").on(t.tenantId, t.leadId, t.status),
    // At most one active assignment per lead.
    uniqueIndex("assignments_one_active").on(t.tenantId, t.leadId).where(sql`status = 'active'`),
  ],
);

export const bookings = sqliteTable(
  "bookings",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    proId: text("pro_id")
      .notNull()
      .references(() => pros.id, { onDelete: "cascade" }),
    leadId: text("lead_id"),
    conversationId: text("conversation_id"),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    // The pro's zone at booking time: instants are UTC, display is local.
    timeZone: text("time_zone").notNull(),
    status: text("status", { enum: ["confirmed", "cancelled", "completed"] }).notNull(),
    customerName: text("customer_name").notNull(),
    customerPhone: text("customer_phone"),
    trade: text("trade"),
    summary: text("summary"),
    address: text("address"),
    rescheduledFrom: text("rescheduled_from"),
    remindedAt: integer("reminded_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("bookings_tenant_time").on(t.tenantId, t.startsAt),
    index("bookings_pro_time").on(t.tenantId, t.proId, t.startsAt),
    // The last line of defence against a double booking, behind the per-pro ProCalendar object.
    uniqueIndex("bookings_pro_slot").on(t.proId, t.startsAt).where(sql`status = 'confirmed'`),
  ],
);

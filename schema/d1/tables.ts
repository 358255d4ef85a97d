// D1 schema (drizzle sqlite-core). Timestamps are epoch milliseconds; ids are prefixed,
// time-sortable strings (workers/lib/ids.ts). Every tenant-owned table carries tenant_id and
// leads with it in its indexes, because every query on it is scoped by tenant.
import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";

export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  timeZone: text("time_zone").notNull().default("UTC"),
  // Default region for phone numbers written without a country code.
  country: text("country").notNull().default("US"),
  createdAt: integer("created_at").notNull(),
});

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  isSuperadmin: integer("is_superadmin", { mode: "boolean" }).notNull().default(false),
  // The user's own day boundary (quests, streaks); null means the workspace's time zone.
  timeZone: text("time_zone"),
  createdAt: integer("created_at").notNull(),
});

export const memberships = sqliteTable(
  "memberships",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "admin", "agent"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index("memberships_user").on(t.userId)],
);

export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: ["admin", "agent"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: text("invited_by").notNull(),
    expiresAt: integer("expires_at").notNull(),
    acceptedAt: integer("accepted_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("invites_tenant").on(t.tenantId, t.createdAt)],
);

// One row per issued refresh token. A family is one login; rotation marks the old row used.
// Presenting a used token revokes the whole family (token theft detection).
export const refreshSessions = sqliteTable(
  "refresh_sessions",
  {
    id: text("id").primaryKey(),
    familyId: text("family_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("refresh_sessions_family").on(t.familyId), index("refresh_sessions_expiry").on(t.expiresAt)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id"),
    actorId: text("actor_id"),
    action: text("action").notNull(),
    target: text("target"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    requestId: text("request_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("audit_tenant_time").on(t.tenantId, t.createdAt)],
);

export const leads = sqliteTable(
  "leads",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    phone: text("phone"),
    email: text("email"),
    address: text("address"),
    city: text("city"),
    postcode: text("postcode"),
    lat: real("lat"),
    lng: real("lng"),
    trade: text("trade"),
    description: text("description"),
    source: text("source").notNull(),
    status: text("status").notNull(),
    score: integer("score").notNull(),
    scoreFactors: text("score_factors", { mode: "json" }).notNull().$type<unknown[]>(),
    hot: integer("hot", { mode: "boolean" }).notNull(),
    assigneeId: text("assignee_id"),
    tags: text("tags", { mode: "json" }).notNull().$type<string[]>().default(sql`'[]'`),
    notes: text("notes"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("leads_tenant_created").on(t.tenantId, t.createdAt, t.id),
    index("leads_tenant_status_created").on(t.tenantId, t.status, t.createdAt),
    index("leads_tenant_source_created").on(t.tenantId, t.source, t.createdAt),
    index("leads_tenant_score").on(t.tenantId, t.score, t.id),
    index("leads_tenant_hot_score").on(t.tenantId, t.hot, t.score),
    index("leads_tenant_assignee").on(t.tenantId, t.assigneeId, t.createdAt),
    index("leads_tenant_name").on(t.tenantId, t.name, t.id),
    index("leads_tenant_updated").on(t.tenantId, t.updatedAt, t.id),
    index("leads_tenant_phone").on(t.tenantId, t.phone),
    index("leads_tenant_email").on(t.tenantId, t.email),
  ],
);

// Tags live in their own table too so "tag = x" filters use an index instead of scanning JSON.
export const leadTags = sqliteTable(
  "lead_tags",
  {
    tenantId: text("tenant_id").notNull(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.leadId, t.tag] }), index("lead_tags_tenant_tag").on(t.tenantId, t.tag, t.leadId)],
);

export const leadEvents = sqliteTable(
  "lead_events",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    leadId: text("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("lead_events_lead").on(t.tenantId, t.leadId, t.createdAt)],
);

// Outbound messages of every channel (email now; WhatsApp/SMS later) with an idempotency key,
// so a retried queue message never sends twice.
export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    channel: text("channel").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    // WhatsApp/SMS: the sending number (phone_number_id or E.164), the structured message
    // (buttons, list, template) and the conversation it belongs to.
    sender: text("sender"),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>(),
    conversationId: text("conversation_id"),
    // Paid actions are charged to the wallet; workspace notices (invites, wallet alerts) are not.
    billable: integer("billable", { mode: "boolean" }).notNull().default(true),
    status: text("status").notNull(),
    provider: text("provider").notNull(),
    providerMessageId: text("provider_message_id"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("outbox_idempotency").on(t.tenantId, t.idempotencyKey), index("outbox_tenant_time").on(t.tenantId, t.createdAt)],
);

// Queue messages that exhausted their retries; `npm run replay:dlq` re-drives them.
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    body: text("body", { mode: "json" }).notNull(),
    attempts: integer("attempts").notNull(),
    createdAt: integer("created_at").notNull(),
    replayedAt: integer("replayed_at"),
  },
  (t) => [index("dead_letters_pending").on(t.replayedAt, t.createdAt)],
);

// Alerts: what each member was told, how they want to be told, and where their browsers listen.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tables";

// One row per member per event; (tenant, user, key) makes raising the same event twice a no-op.
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    eventKey: text("event_key").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    // In-app path the notification opens (/conversations?id=…, /bookings, /calls, /wallet).
    link: text("link"),
    // Shown in the bell; false when the member takes this kind only by push, SMS or email.
    inApp: integer("in_app", { mode: "boolean" }).notNull().default(true),
    pushedAt: integer("pushed_at"),
    readAt: integer("read_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("notifications_event").on(t.tenantId, t.userId, t.eventKey),
    index("notifications_inbox").on(t.tenantId, t.userId, t.id),
    index("notifications_unread").on(t.tenantId, t.userId, t.readAt),
  ],
);

// Per member and kind: which channels carry it. No row means the kind's defaults.
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    kind: text("kind").notNull(),
    inApp: integer("in_app", { mode: "boolean" }).notNull(),
    push: integer("push", { mode: "boolean" }).notNull(),
    sms: integer("sms", { mode: "boolean" }).notNull(),
    email: integer("email", { mode: "boolean" }).notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.kind] })],
);

// Per member: the phone alert texts go to, and quiet hours ("HH:MM", member's time zone) when only in-app is used.
export const notificationSettings = sqliteTable(
  "notification_settings",
  {
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    smsPhone: text("sms_phone"),
    quietStart: text("quiet_start"),
    quietEnd: text("quiet_end"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

// A browser's Web Push subscription (RFC 8030 endpoint + RFC 8291 keys).
export const pushSubscriptions = sqliteTable(
  "push_subscriptions",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint").on(t.tenantId, t.endpoint), index("push_subscriptions_user").on(t.tenantId, t.userId)],
);

// Workspace alert settings: minutes a hand-off may wait unopened before the owner is alerted.
export const alertSettings = sqliteTable("alert_settings", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  handoffEscalationMinutes: integer("handoff_escalation_minutes").notNull().default(10),
  updatedAt: integer("updated_at").notNull(),
});

// A conversation waiting for a person since a hand-off: opened when a member looks at it, escalated once.
export const conversationWaits = sqliteTable(
  "conversation_waits",
  {
    tenantId: text("tenant_id").notNull(),
    conversationId: text("conversation_id").notNull(),
    eventKey: text("event_key").notNull(),
    since: integer("since").notNull(),
    openedAt: integer("opened_at"),
    escalatedAt: integer("escalated_at"),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.conversationId] }), index("conversation_waits_due").on(t.openedAt, t.escalatedAt, t.since)],
);

// Voice agent (issue 4, first slice: the TwiML Gather path). Same conventions as tables.ts.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tables";

// One row per inbound call, keyed by Twilio's CallSid. While the call is "in-progress" the row
// also carries the engine's state and the last turns (each Gather turn is its own request).
export const calls = sqliteTable(
  "calls",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id").notNull().references(() => tenants.id, { onDelete: "cascade" }),
    callSid: text("call_sid").notNull(),
    channelId: text("channel_id").notNull(),
    fromNumber: text("from_number").notNull(),
    toNumber: text("to_number").notNull(),
    // "in-progress" while admitted; Twilio's final CallStatus afterwards; "refused" when turned away.
    status: text("status").notNull(),
    // completed | transferred | refused_budget | refused_cap | busy | no-answer | failed | canceled
    outcome: text("outcome"),
    startedAt: integer("started_at").notNull(),
    endedAt: integer("ended_at"),
    durationSeconds: integer("duration_seconds"),
    billedMinutes: integer("billed_minutes"),
    holdId: text("hold_id"),
    leadId: text("lead_id"),
    stateJson: text("state_json"),
    historyJson: text("history_json").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("calls_call_sid").on(t.callSid), index("calls_tenant_recent").on(t.tenantId, t.startedAt), index("calls_active").on(t.status, t.startedAt)],
);

// Where "0" / "agent" transfers the caller (<Dial>); no row = no transfer offered.
export const voiceSettings = sqliteTable("voice_settings", {
  tenantId: text("tenant_id").primaryKey().references(() => tenants.id, { onDelete: "cascade" }),
  forwardNumber: text("forward_number"),
  updatedAt: integer("updated_at").notNull(),
});

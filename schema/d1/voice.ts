// Voice agent (issue 4, first slice: the TwiML Gather path). Same conventions as tables.ts.
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tables";

// One row per inbound call, keyed by Twilio's CallSid. While the call is "in-progress" the row
// also carries the engine's state and the last turns (each Gather turn is its own request).
export const calls = sqliteTable(
  "calls",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
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
    // "gather" (Twilio speech + <Say>) or "stream" (Media Streams through the CallSession DO).
    mode: text("mode").notNull().default("gather"),
    // R2 key of the two-sided WAV recording (private; served through a signed URL).
    recordingKey: text("recording_key"),
    recordingSeconds: real("recording_seconds"),
    // Post-call summary and qualification score (0–100) from the conversation engine.
    summary: text("summary"),
    qualificationScore: integer("qualification_score"),
    // Credits charged for the call's minutes.
    costCredits: integer("cost_credits"),
    // Why the call was transferred or ended early (dtmf, caller_asked, engine_failure, max_length, silence).
    endReason: text("end_reason"),
    // Voicemail left on the Gather path (<Record>): R2 key, length and transcript (when a speech-to-text key allows).
    voicemailKey: text("voicemail_key"),
    voicemailSeconds: real("voicemail_seconds"),
    voicemailTranscript: text("voicemail_transcript"),
    // Missed-call text-back: when the caller was texted and the thread it opened (one text per call).
    textBackAt: integer("text_back_at"),
    textBackConversationId: text("text_back_conversation_id"),
    // Media Streams frames counted by the CallSession (20 ms each): what arrived and what was sent.
    inboundFrames: integer("inbound_frames"),
    outboundFrames: integer("outbound_frames"),
    stateJson: text("state_json"),
    historyJson: text("history_json").notNull().default("[]"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("calls_call_sid").on(t.callSid),
    index("calls_tenant_recent").on(t.tenantId, t.startedAt),
    index("calls_active").on(t.status, t.startedAt),
  ],
);

// Where "0" / "agent" transfers the caller (<Dial>); no row = no transfer offered.
export const voiceSettings = sqliteTable("voice_settings", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  forwardNumber: text("forward_number"),
  // "auto": Media Streams with our own STT/TTS when configured, else Twilio's <Gather>/<Say>; "gather": always the latter.
  voiceMode: text("voice_mode", { enum: ["auto", "gather"] })
    .notNull()
    .default("auto"),
  // Said first on every call (two-party-consent states); on unless the workspace turns it off. Null text: the default wording.
  recordingDisclosure: integer("recording_disclosure", { mode: "boolean" }).notNull().default(true),
  disclosureText: text("disclosure_text"),
  updatedAt: integer("updated_at").notNull(),
});

// The transcript: one row per utterance, in order; times are ms from the start of the call.
// An agent line cut off by the caller keeps only what Twilio confirmed was played (interrupted = 1).
export const callTranscript = sqliteTable(
  "call_transcript",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    callId: text("call_id")
      .notNull()
      .references(() => calls.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    speaker: text("speaker", { enum: ["caller", "agent", "system"] }).notNull(),
    text: text("text").notNull(),
    startMs: integer("start_ms").notNull(),
    endMs: integer("end_ms"),
    interrupted: integer("interrupted", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.callId, t.seq] }), index("call_transcript_tenant").on(t.tenantId, t.callId)],
);

// Per-turn latency, each stage in ms after the caller's end of speech (null when a stage did not
// happen, e.g. a cached phrase needs no TTS). overhead = firstFrame minus the providers' own time.
export const callTurnLatency = sqliteTable(
  "call_turn_latency",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    callId: text("call_id")
      .notNull()
      .references(() => calls.id, { onDelete: "cascade" }),
    turn: integer("turn").notNull(),
    sttFinalMs: integer("stt_final_ms"),
    llmFirstTokenMs: integer("llm_first_token_ms"),
    ttsFirstByteMs: integer("tts_first_byte_ms"),
    firstFrameMs: integer("first_frame_ms"),
    overheadMs: integer("overhead_ms"),
    speculative: integer("speculative", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.turn] }), index("call_turn_latency_tenant").on(t.tenantId, t.createdAt)],
);

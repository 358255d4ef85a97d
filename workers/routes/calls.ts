import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { notFound } from "../http/problem";
import { csvOf, dateFrom, dateTo } from "../lib/query-params";
import { CALL_OUTCOMES, CALL_STATUSES, listCalls, type CallRowView } from "../voice/records/call-list";
import { callDetail } from "../voice/records/call-detail";
import { ok, IdParam } from "../http/openapi";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const CallLead = z.object({ id: z.string(), name: z.string(), score: z.number() }).nullable();
const CallSummaryView = z
  .object({
    id: z.string(),
    from: z.string(),
    to: z.string(),
    status: z.string(),
    outcome: z.string().nullable(),
    mode: z.enum(["gather", "stream"]),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    durationSeconds: z.number().nullable(),
    billedMinutes: z.number().nullable(),
    costCredits: z.number().nullable(),
    endReason: z.string().nullable(),
    summary: z.string().nullable(),
    qualificationScore: z.number().nullable(),
    lead: CallLead,
  })
  .openapi("Call");
const TranscriptLine = z
  .object({
    seq: z.number(),
    speaker: z.enum(["caller", "agent", "system"]),
    text: z.string(),
    startMs: z.number(),
    endMs: z.number().nullable(),
    interrupted: z.boolean(),
  })
  .openapi("CallTranscriptLine");
const TurnLatency = z
  .object({
    turn: z.number(),
    sttFinalMs: z.number().nullable(),
    llmFirstTokenMs: z.number().nullable(),
    ttsFirstByteMs: z.number().nullable(),
    firstFrameMs: z.number().nullable(),
    overheadMs: z.number().nullable(),
    speculative: z.boolean(),
  })
  .openapi("CallTurnLatency");
const CallDetailView = CallSummaryView.extend({
  recordingUrl: z.string().nullable().openapi({ description: "Signed, short-lived link to the WAV (byte ranges supported)" }),
  recordingSeconds: z.number().nullable(),
  transcript: z.array(TranscriptLine),
  latency: z.object({ turns: z.array(TurnLatency), firstFrameP50: z.number().nullable(), firstFrameP95: z.number().nullable() }),
  inboundFrames: z.number().nullable(),
  outboundFrames: z.number().nullable(),
  voicemail: z
    .object({
      url: z.string().nullable().openapi({ description: "Signed, short-lived link to the WAV; null when it could not be downloaded" }),
      seconds: z.number().nullable(),
      transcript: z.string().nullable().openapi({ description: "null without a speech-to-text key" }),
    })
    .nullable()
    .openapi({ description: "The message the caller left after a transfer nobody answered" }),
  textBack: z
    .object({ sentAt: z.string(), conversationId: z.string().nullable() })
    .nullable()
    .openapi({ description: "The missed-call text and the thread it opened" }),
}).openapi("CallDetail");

const CallListQuery = z.strictObject({
  status: csvOf(CALL_STATUSES, "status").optional(),
  outcome: csvOf(CALL_OUTCOMES, "outcome").optional(),
  q: z.string().trim().min(1).max(40).optional().openapi({ description: "Digits of the caller's number" }),
  from: dateFrom.optional(),
  to: dateTo.optional(),
  active: z.enum(["true", "false"]).optional().openapi({ description: "true: only calls in progress" }),
  leadId: z.string().max(64).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const view = (row: CallRowView): z.infer<typeof CallSummaryView> => ({
  id: row.id,
  from: row.fromNumber,
  to: row.toNumber,
  status: row.status,
  outcome: row.outcome,
  mode: row.mode === "stream" ? "stream" : "gather",
  startedAt: iso(row.startedAt)!,
  endedAt: iso(row.endedAt),
  durationSeconds: row.durationSeconds,
  billedMinutes: row.billedMinutes,
  costCredits: row.costCredits,
  endReason: row.endReason,
  summary: row.summary,
  qualificationScore: row.qualificationScore,
  lead: row.leadId && row.leadName !== null ? { id: row.leadId, name: row.leadName, score: row.leadScore ?? 0 } : null,
});

const clock = (ms: number) => `${String(Math.floor(ms / 60_000)).padStart(2, "0")}:${String(Math.floor(ms / 1000) % 60).padStart(2, "0")}`;
const SPEAKER = { caller: "Caller", agent: "Agent", system: "System" } as const;

/** The workspace's call log: history with filters, and one call with transcript, recording and latency. */
export const callRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["calls"],
      summary: "Call history, newest first: filters (status, outcome, caller number, dates, active, lead) and cursor pagination",
      request: { query: CallListQuery },
      responses: { 200: ok(z.object({ items: z.array(CallSummaryView), nextCursor: z.string().nullable() })) },
    }),
    async (c) => {
      const { active, ...filters } = c.req.valid("query");
      const page = await listCalls(c.env, c.get("auth").tenantId, { ...filters, active: active === "true" });
      return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["calls"],
      summary: "One call: log, lead, summary, transcript, per-turn latency and a signed recording link",
      request: { params: IdParam },
      responses: { 200: ok(CallDetailView), 404: { description: "Not found (or another workspace's)" } },
    }),
    async (c) => {
      const detail = await callDetail(c.env, c.get("auth").tenantId, c.req.valid("param").id);
      if (!detail) throw notFound("Call");
      const { call } = detail;
      return c.json(
        {
          ...view(call),
          recordingUrl: detail.recordingUrl,
          recordingSeconds: call.recordingSeconds,
          transcript: detail.transcript,
          latency: detail.latency,
          inboundFrames: call.inboundFrames,
          outboundFrames: call.outboundFrames,
          voicemail:
            call.voicemailSeconds === null
              ? null
              : { url: detail.voicemailUrl, seconds: call.voicemailSeconds, transcript: call.voicemailTranscript },
          textBack:
            call.textBackAt === null
              ? null
              : { sentAt: new Date(call.textBackAt).toISOString(), conversationId: call.textBackConversationId },
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/transcript.txt",
      tags: ["calls"],
      summary: "The transcript as plain text, one timed line per utterance",
      request: { params: IdParam },
      responses: {
        200: { description: "Transcript", content: { "text/plain": { schema: z.string() } } },
        404: { description: "Not found" },
      },
    }),
    async (c) => {
      const detail = await callDetail(c.env, c.get("auth").tenantId, c.req.valid("param").id);
      if (!detail) throw notFound("Call");
      const text = detail.transcript
        .map((e) => `[${clock(e.startMs)}] ${SPEAKER[e.speaker]}: ${e.text}${e.interrupted ? " [interrupted]" : ""}`)
        .join("\n");
      return c.body(text ? `${text}\n` : "", 200, {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="call-${detail.call.id}.txt"`,
        "Cache-Control": "no-store",
      });
    },
  );

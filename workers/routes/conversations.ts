import { OpenAPIHono, createRoute, z, type RouteHandler } from "@hono/zod-openapi";
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { conflict, notFound } from "../http/problem";
import { database, tables } from "../db/client";

import { conversationOpened } from "../notifications/waiting";
import { WINDOW_MS } from "../conversations/outbound";
import { channelById } from "../conversations/channels";
import type { ConversationRow, MessageRow } from "../conversations/store";
import { ok, jsonBody, IdParam } from "../http/openapi";
import { conversationObject } from "../../durable-objects/stubs";

const { conversations, messages, outbox } = tables;

const Thread = z
  .object({
    id: z.string(),
    channel: z.enum(["whatsapp", "sms"]),
    channelId: z.string(),
    contactAddress: z.string(),
    contactPhone: z.string().nullable(),
    contactName: z.string().nullable(),
    leadId: z.string().nullable(),
    bookingId: z.string().nullable(),
    stage: z.string(),
    mode: z.enum(["ai", "human"]),
    takenOverBy: z.string().nullable(),
    windowOpen: z.boolean(),
    lastInboundAt: z.string().nullable(),
    lastMessageAt: z.string(),
    lastMessagePreview: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ConversationThread");
const Message = z
  .object({
    id: z.string(),
    direction: z.enum(["in", "out"]),
    author: z.string(),
    kind: z.string(),
    body: z.string(),
    payload: z.record(z.string(), z.unknown()).nullable(),
    mediaUrl: z.string().nullable(),
    mediaType: z.string().nullable(),
    status: z.string(),
    simulated: z.boolean(),
    errorCode: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("ConversationMessage");

function threadView(row: ConversationRow, now = Date.now()) {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    channel: row.channel,
    channelId: row.channelId,
    contactAddress: row.contactAddress,
    contactPhone: row.contactPhone,
    contactName: row.contactName,
    leadId: row.leadId,
    bookingId: row.bookingId,
    stage: row.stage,
    mode: row.mode,
    takenOverBy: row.takenOverBy,
    windowOpen: row.channel !== "whatsapp" || (row.lastInboundAt !== null && now - row.lastInboundAt < WINDOW_MS),
    lastInboundAt: iso(row.lastInboundAt),
    lastMessageAt: iso(row.lastMessageAt)!,
    lastMessagePreview: row.lastMessagePreview,
    createdAt: iso(row.createdAt)!,
  };
}

function messageView(row: MessageRow & { lastError: string | null; provider: string | null }, conversationId: string) {
  return {
    id: row.id,
    direction: row.direction,
    author: row.author,
    kind: row.kind,
    body: row.body,
    payload: row.payload,
    mediaUrl: row.mediaKey ? `/api/v1/conversations/${conversationId}/media/${row.id}` : null,
    mediaType: row.mediaType,
    status: row.status,
    simulated: row.status === "simulated" || row.provider === "local",
    errorCode: row.errorCode,
    lastError: row.lastError,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

async function loadThread(env: AppEnv["Bindings"], tenantId: string, id: string): Promise<ConversationRow> {
  const row = await database(env.DB).query.conversations.findFirst({
    where: and(eq(conversations.tenantId, tenantId), eq(conversations.id, id)),
  });
  if (!row) throw notFound("Conversation");
  return row;
}

/** Take over from the AI, or hand the contact back: one route for each mode. */
function modeSwitch<P extends string>(path: P, mode: "human" | "ai", summary: string) {
  const route = createRoute({
    method: "post",
    path,
    tags: ["conversations"],
    summary,
    request: { params: IdParam },
    responses: { 200: ok(Thread) },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const auth = c.get("auth");
    const thread = await loadThread(c.env, auth.tenantId, c.req.valid("param").id);
    await conversationObject(c.env, thread.tenantId, thread.channelId, thread.contactAddress).setMode(mode, auth.userId);
    await conversationOpened(c.env, auth.tenantId, thread.id, true);
    return c.json(threadView(await loadThread(c.env, auth.tenantId, thread.id)), 200);
  };
  return [route, handler] as const;
}

export const conversationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["conversations"],
      summary: "Inbox: threads, most recent first (cursor = lastMessageAt of the last item)",
      request: {
        query: z.strictObject({
          mode: z.enum(["ai", "human"]).optional(),
          channel: z.enum(["whatsapp", "sms"]).optional(),
          contact: z.string().max(64).optional(),
          before: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
      },
      responses: { 200: ok(z.object({ items: z.array(Thread), nextBefore: z.number().nullable() })) },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const q = c.req.valid("query");
      const conditions = [eq(conversations.tenantId, tenantId)];
      if (q.mode) conditions.push(eq(conversations.mode, q.mode));
      if (q.channel) conditions.push(eq(conversations.channel, q.channel));
      if (q.contact) conditions.push(or(eq(conversations.contactAddress, q.contact), eq(conversations.contactPhone, q.contact))!);
      if (q.before !== undefined) conditions.push(lt(conversations.lastMessageAt, q.before));
      const rows = await database(c.env.DB)
        .select()
        .from(conversations)
        .where(and(...conditions))
        .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
        .limit(q.limit);
      return c.json(
        { items: rows.map((r) => threadView(r)), nextBefore: rows.length === q.limit ? rows.at(-1)!.lastMessageAt : null },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/stats",
      tags: ["conversations"],
      summary: "Counts: webhooks received and processed, messages in and out",
      responses: {
        200: ok(
          z.object({
            eventsReceived: z.number(),
            eventsProcessed: z.number(),
            inbound: z.number(),
            outbound: z.number(),
            conversations: z.number(),
          }),
        ),
      },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const db = database(c.env.DB);
      const [events, counts, threads] = await db.batch([
        db
          .select({ received: sql<number>`count(*)`, processed: sql<number>`count(processed_at)` })
          .from(tables.inboundEvents)
          .where(eq(tables.inboundEvents.tenantId, tenantId)),
        db
          .select({ direction: messages.direction, count: sql<number>`count(*)` })
          .from(messages)
          .where(eq(messages.tenantId, tenantId))
          .groupBy(messages.direction),
        db.select({ count: sql<number>`count(*)` }).from(conversations).where(eq(conversations.tenantId, tenantId)),
      ]);
      const by = Object.fromEntries(counts.map((r) => [r.direction, r.count]));
      return c.json(
        {
          eventsReceived: events[0]?.received ?? 0,
          eventsProcessed: events[0]?.processed ?? 0,
          inbound: by.in ?? 0,
          outbound: by.out ?? 0,
          conversations: threads[0]?.count ?? 0,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}",
      tags: ["conversations"],
      summary: "A thread with its messages (oldest first) and their delivery status",
      request: { params: IdParam },
      responses: { 200: ok(Thread.extend({ messages: z.array(Message) })) },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const thread = await loadThread(c.env, tenantId, c.req.valid("param").id);
      c.executionCtx.waitUntil(conversationOpened(c.env, tenantId, thread.id, false));
      const rows = await database(c.env.DB)
        .select({ message: messages, lastError: outbox.lastError, provider: outbox.provider })
        .from(messages)
        .leftJoin(outbox, eq(outbox.id, messages.outboxId))
        .where(and(eq(messages.tenantId, tenantId), eq(messages.conversationId, thread.id)))
        .orderBy(asc(messages.createdAt), asc(messages.id))
        .limit(500);
      return c.json(
        {
          ...threadView(thread),
          messages: rows.map((r) => messageView({ ...r.message, lastError: r.lastError, provider: r.provider }, thread.id)),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/media/{messageId}",
      tags: ["conversations"],
      summary: "An image or voice note of the thread, from private storage",
      request: { params: IdParam.extend({ messageId: z.string().min(1).max(64) }) },
      responses: { 200: { description: "The file" } },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const { id, messageId } = c.req.valid("param");
      const row = await database(c.env.DB).query.messages.findFirst({
        where: and(eq(messages.tenantId, tenantId), eq(messages.conversationId, id), eq(messages.id, messageId)),
      });
      const object = row?.mediaKey ? await c.env.MEDIA.get(row.mediaKey) : null;
      if (!object) throw notFound("Media");
      return c.body(object.body, 200, {
        "Content-Type": row!.mediaType ?? "application/octet-stream",
        "Cache-Control": "private, max-age=300",
        "Content-Security-Policy": "default-src 'none'; img-src 'self'; media-src 'self'",
      });
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/messages",
      tags: ["conversations"],
      summary: "Reply as a team member. Outside WhatsApp's 24-hour window only the template can go (409 offers it).",
      request: {
        params: IdParam,
        body: jsonBody(
          z
            .strictObject({
              text: z.string().trim().min(1).max(4096).optional(),
              template: z.boolean().optional(),
              idempotencyKey: z.string().max(100).optional(),
            })
            .refine((b) => b.text || b.template, "Give text, or template: true."),
        ),
      },
      responses: {
        201: ok(z.object({ messageId: z.string().nullable(), text: z.string() }), "Queued"),
        409: { description: "Window closed (templateRequired) or the contact opted out" },
      },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const thread = await loadThread(c.env, tenantId, c.req.valid("param").id);
      const result = await conversationObject(c.env, thread.tenantId, thread.channelId, thread.contactAddress).reply(c.req.valid("json"));
      if (result.ok) return c.json({ messageId: result.messageId, text: result.text }, 201);
      if (result.reason === "not_found") throw notFound("Conversation");
      if (result.reason === "opted_out")
        throw conflict("This contact opted out (STOP); nothing can be sent until they reply START.", { optedOut: true });
      const channel = await channelById(c.env, tenantId, thread.channelId);
      throw conflict("WhatsApp's 24-hour window is closed: only an approved template can be sent.", {
        templateRequired: true,
        template: channel ? { name: channel.templateName, language: channel.templateLanguage } : null,
      });
    },
  )
  .openapi(...modeSwitch("/{id}/takeover", "human", "Take over from the AI: it stops answering this contact"))
  .openapi(...modeSwitch("/{id}/handback", "ai", "Hand the contact back to the AI"));

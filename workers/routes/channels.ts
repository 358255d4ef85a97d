import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireRole } from "../http/auth";
import { conflict, notFound, Problem } from "../http/problem";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { DEFAULT_MODEL, forgetAiSettings } from "../conversation-engine";
import { forgetChannel, type ChannelRow } from "../conversations/channels";
import { metaTextWebhook, twilioSmsParams } from "../conversations/webhook-payloads";
import { signMetaBody } from "../providers/whatsapp/signature";
import { twilioSignature } from "../providers/sms/twilio-signature";
import { ok, jsonBody, IdParam } from "../http/openapi";

const { channels, aiSettings } = tables;

const Channel = z
  .object({
    id: z.string(),
    kind: z.enum(["whatsapp", "sms"]),
    address: z.string(),
    displayNumber: z.string(),
    label: z.string(),
    templateName: z.string(),
    templateLanguage: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("Channel");
const editable = {
  label: z.string().trim().min(1).max(80),
  displayNumber: z.string().trim().min(4).max(40),
  templateName: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, "Template names use a–z, 0–9 and _."),
  templateLanguage: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "e.g. en_US"),
  active: z.boolean(),
};
const ChannelCreate = z
  .strictObject({
    kind: z.enum(["whatsapp", "sms"]),
    address: z
      .string()
      .trim()
      .regex(/^(\d{5,20}|\+\d{7,15})$/, "WhatsApp: the phone_number_id (digits); SMS: the Twilio number in E.164."),
    ...editable,
    label: editable.label.optional(),
    templateName: editable.templateName.optional(),
    templateLanguage: editable.templateLanguage.optional(),
    active: editable.active.optional(),
  })
  .openapi("ChannelCreate");
const AiSettings = z
  .strictObject({
    engine: z.enum(["auto", "claude", "local"]),
    model: z.string().min(1).max(100),
    instructions: z.string().max(4000).nullable(),
  })
  .openapi("AiSettings");

const view = (row: ChannelRow) => ({
  id: row.id,
  kind: row.kind,
  address: row.address,
  displayNumber: row.displayNumber,
  label: row.label,
  templateName: row.templateName,
  templateLanguage: row.templateLanguage,
  active: row.active,
  createdAt: new Date(row.createdAt).toISOString(),
});

/** Channel settings and the test panel: admins and owners only. */
const channelGroup = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
channelGroup.use("*", requireRole("admin"));

export const channelRoutes = channelGroup
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags: ["channels"],
      summary: "Numbers, AI settings, webhook URLs and which secrets this environment has",
      responses: {
        200: ok(
          z.object({
            items: z.array(Channel),
            ai: AiSettings,
            webhooks: z.record(z.string(), z.string()),
            configured: z.record(z.string(), z.boolean()),
          }),
        ),
      },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const db = database(c.env.DB);
      const [rows, ai] = await Promise.all([
        db.select().from(channels).where(eq(channels.tenantId, tenantId)).orderBy(asc(channels.createdAt)),
        db.query.aiSettings.findFirst({ where: eq(aiSettings.tenantId, tenantId) }),
      ]);
      const origin = new URL(c.req.url).origin;
      const env = c.env;
      return c.json(
        {
          items: rows.map(view),
          ai: { engine: ai?.engine ?? "auto", model: ai?.model ?? DEFAULT_MODEL, instructions: ai?.instructions ?? null },
          webhooks: { whatsapp: `${origin}/webhooks/whatsapp`, twilioSms: `${origin}/webhooks/twilio/sms` },
          configured: {
            whatsappAppSecret: !!env.WHATSAPP_APP_SECRET,
            whatsappVerifyToken: !!env.WHATSAPP_VERIFY_TOKEN,
            whatsappSending: !!env.WHATSAPP_ACCESS_TOKEN,
            twilioAuthToken: !!env.TWILIO_AUTH_TOKEN,
            twilioSending: !!(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN),
            claude: !!env.ANTHROPIC_API_KEY,
          },
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags: ["channels"],
      summary: "Add a WhatsApp or Twilio number",
      request: { body: jsonBody(ChannelCreate) },
      responses: { 201: ok(Channel, "Created"), 409: { description: "The number belongs to a workspace already" } },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const input = c.req.valid("json");
      const now = Date.now();
      const row: ChannelRow = {
        id: newId("chn", now),
        tenantId,
        label: input.label ?? (input.kind === "whatsapp" ? "WhatsApp" : "SMS"),
        templateName: input.templateName ?? "homeline_follow_up",
        templateLanguage: input.templateLanguage ?? "en_US",
        active: input.active ?? true,
        kind: input.kind,
        address: input.address,
        displayNumber: input.displayNumber,
        createdAt: now,
        updatedAt: now,
      };
      const inserted = await database(c.env.DB).insert(channels).values(row).onConflictDoNothing().returning({ id: channels.id });
      if (!inserted.length) throw conflict("This number is already connected to a workspace.");
      forgetChannel(row);
      return c.json(view(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/{id}",
      tags: ["channels"],
      summary: "Edit a channel",
      request: { params: IdParam, body: jsonBody(z.strictObject(editable).partial()) },
      responses: { 200: ok(Channel) },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const [row] = await database(c.env.DB)
        .update(channels)
        .set({ ...c.req.valid("json"), updatedAt: Date.now() })
        .where(and(eq(channels.tenantId, tenantId), eq(channels.id, c.req.valid("param").id)))
        .returning();
      if (!row) throw notFound("Channel");
      forgetChannel(row);
      return c.json(view(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/{id}",
      tags: ["channels"],
      summary: "Disconnect a number",
      request: { params: IdParam },
      responses: { 204: { description: "Removed" } },
    }),
    async (c) => {
      const [row] = await database(c.env.DB)
        .delete(channels)
        .where(and(eq(channels.tenantId, c.get("auth").tenantId), eq(channels.id, c.req.valid("param").id)))
        .returning();
      if (!row) throw notFound("Channel");
      forgetChannel(row);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/ai",
      tags: ["channels"],
      summary: "Engine, Claude model and extra instructions for this workspace",
      request: { body: jsonBody(AiSettings) },
      responses: { 200: ok(AiSettings) },
    }),
    async (c) => {
      const tenantId = c.get("auth").tenantId;
      const input = c.req.valid("json");
      await database(c.env.DB)
        .insert(aiSettings)
        .values({ tenantId, ...input, updatedAt: Date.now() })
        .onConflictDoUpdate({ target: aiSettings.tenantId, set: { ...input, updatedAt: Date.now() } });
      forgetAiSettings(tenantId);
      return c.json(input, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/{id}/test",
      tags: ["channels"],
      summary: "Test panel: play a customer message through the real webhook path (signed as the provider signs)",
      request: {
        params: IdParam,
        body: jsonBody(
          z.strictObject({
            from: z.string().regex(/^\+\d{7,15}$/, "E.164, e.g. +15125550100"),
            text: z.string().trim().min(1).max(1000),
            name: z.string().max(80).optional(),
          }),
        ),
      },
      responses: {
        202: ok(z.object({ accepted: z.boolean(), contact: z.string(), providerMessageId: z.string() }), "Accepted by the webhook"),
      },
    }),
    async (c) => {
      const row = await database(c.env.DB).query.channels.findFirst({
        where: and(eq(channels.tenantId, c.get("auth").tenantId), eq(channels.id, c.req.valid("param").id)),
      });
      if (!row) throw notFound("Channel");
      const { from, text, name } = c.req.valid("json");
      const origin = new URL(c.req.url).origin;
      const now = Date.now();
      let request: Request;
      let contact: string;
      let providerMessageId: string;
      if (row.kind === "whatsapp") {
        if (!c.env.WHATSAPP_APP_SECRET)
          throw new Problem(503, "Service Unavailable", "Set WHATSAPP_APP_SECRET first: the webhook accepts only signed events.");
        contact = from.slice(1);
        providerMessageId = `wamid.test-${newId("t", now)}`;
        const body = JSON.stringify(
          metaTextWebhook({
            phoneNumberId: row.address,
            displayNumber: row.displayNumber,
            from: contact,
            name,
            text,
            id: providerMessageId,
            timestamp: now,
          }),
        );
        request = new Request(`${origin}/webhooks/whatsapp`, {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-Hub-Signature-256": await signMetaBody(c.env.WHATSAPP_APP_SECRET, body) },
          body,
        });
      } else {
        if (!c.env.TWILIO_AUTH_TOKEN)
          throw new Problem(503, "Service Unavailable", "Set TWILIO_AUTH_TOKEN first: the webhook accepts only signed events.");
        contact = from;
        providerMessageId = `SM${crypto.randomUUID().replace(/-/g, "")}`;
        const url = `${origin}/webhooks/twilio/sms`;
        const params = twilioSmsParams({
          accountSid: c.env.TWILIO_ACCOUNT_SID ?? "AC00000000000000000000000000000000",
          from,
          to: row.address,
          text,
          sid: providerMessageId,
        });
        const signature = await twilioSignature(c.env.TWILIO_AUTH_TOKEN, url, params);
        request = new Request(url, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
          body: new URLSearchParams(params),
        });
      }
      // The whole app, as the provider would reach it (imported here: app.ts imports this file).
      const { app } = await import("../app");
      const response = await app.fetch(request, c.env, c.executionCtx);
      if (!response.ok)
        throw new Problem(502, "Bad Gateway", `The webhook answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
      return c.json({ accepted: true, contact, providerMessageId }, 202);
    },
  );

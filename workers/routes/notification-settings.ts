import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireRole } from "../http/auth";
import { badRequest } from "../http/problem";
import { tenantContext } from "../http/tenant-context";
import { newId } from "../lib/ids";
import { toE164 } from "../leads/phone";
import { NOTIFICATION_KINDS } from "../notifications/kinds";
import { escalationMinutes, memberPreferences, savePreferences } from "../notifications/preferences";
import { decodeSubscriptionKeys, InvalidSubscriptionKeys } from "../notifications/web-push/encrypt";
import { pushEndpointProblem } from "../notifications/web-push/endpoint";

const ok = <T extends z.ZodType>(schema: T) => ({ description: "OK", content: { "application/json": { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { "application/json": { schema } }, required: true } });

const Choice = z.strictObject({
  inApp: z.boolean("In-app must be true or false."),
  push: z.boolean("Browser push must be true or false."),
  sms: z.boolean("SMS must be true or false."),
  email: z.boolean("Email must be true or false."),
});
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Quiet hours are times like 22:00 and 07:00.");
const Preferences = z
  .object({
    kinds: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), label: z.string() }).merge(Choice)),
    smsPhone: z.string().nullable(),
    quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
    timeZone: z.string().openapi({ description: "Quiet hours are read on this clock (the member's, else the workspace's)" }),
  })
  .openapi("NotificationPreferences");
const PreferencesBody = z
  .strictObject({
    kinds: z.partialRecord(z.enum(NOTIFICATION_KINDS, "That is not a kind of notification."), Choice).optional(),
    smsPhone: z.string().trim().max(40, "The phone number is too long.").nullable().optional(),
    quietHours: z.strictObject({ start: clock, end: clock }).nullable().optional(),
  })
  .openapi("NotificationPreferencesUpdate");
const Subscription = z
  .strictObject({
    endpoint: z.string().max(2000, "The push endpoint is too long."),
    expirationTime: z.number().nullable().optional(),
    keys: z.strictObject({ p256dh: z.string().max(200), auth: z.string().max(100) }, "Send the subscription's keys (p256dh and auth)."),
  })
  .openapi("PushSubscription", { description: "PushSubscription.toJSON() from the browser" });
const Workspace = z.object({ handoffEscalationMinutes: z.number() }).openapi("AlertSettings");

/** How each member is told (channels per kind, alert phone, quiet hours), their browsers' push subscriptions, and the workspace's escalation delay. */
export const notificationSettingsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

notificationSettingsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/preferences",
    tags: ["notifications"],
    summary: "My channels per kind, alert phone and quiet hours",
    responses: { 200: ok(Preferences) },
  }),
  async (c) => {
    const { tenantId, userId } = c.get("auth");
    return c.json(await memberPreferences(c.env, tenantId, userId), 200);
  },
);

notificationSettingsRoutes.openapi(
  createRoute({
    method: "put",
    path: "/preferences",
    tags: ["notifications"],
    summary: "Change my channels for the kinds listed, my alert phone (E.164) and quiet hours (null clears them)",
    request: body(PreferencesBody),
    responses: { 200: ok(Preferences) },
  }),
  async (c) => {
    const { tenantId, userId } = c.get("auth");
    const input = c.req.valid("json");
    let smsPhone = input.smsPhone;
    if (smsPhone) {
      const { tenant } = await tenantContext(c);
      const e164 = toE164(smsPhone, tenant.country);
      if (!e164) throw badRequest(`“${smsPhone}” is not a valid phone number. Include the country code, e.g. +1 512 555 0100.`);
      smsPhone = e164;
    }
    await savePreferences(c.env, tenantId, userId, { ...input, smsPhone: smsPhone === "" ? null : smsPhone });
    return c.json(await memberPreferences(c.env, tenantId, userId), 200);
  },
);

notificationSettingsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/push/key",
    tags: ["notifications"],
    summary: "The VAPID public key browsers subscribe with (applicationServerKey); null when push is not configured",
    responses: { 200: ok(z.object({ publicKey: z.string().nullable() })) },
  }),
  (c) => c.json({ publicKey: c.env.VAPID_PUBLIC_KEY ?? null }, 200),
);

notificationSettingsRoutes.openapi(
  createRoute({
    method: "post",
    path: "/push/subscriptions",
    tags: ["notifications"],
    summary: "Register this browser for push (the same endpoint again replaces its keys)",
    request: body(Subscription),
    responses: { 201: ok(z.object({ id: z.string() })) },
  }),
  async (c) => {
    const { tenantId, userId } = c.get("auth");
    const input = c.req.valid("json");
    const problem = pushEndpointProblem(input.endpoint, c.env.ENVIRONMENT);
    if (problem) throw badRequest(problem);
    try {
      decodeSubscriptionKeys(input.keys);
    } catch (err) {
      if (err instanceof InvalidSubscriptionKeys) throw badRequest(err.message);
      throw err;
    }
    const row = await c.env.DB.prepare(
      `INSERT INTO push_subscriptions (id, tenant_id, user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth
       RETURNING id`,
    )
      .bind(newId("psub"), tenantId, userId, input.endpoint, input.keys.p256dh, input.keys.auth, Date.now())
      .first<{ id: string }>();
    return c.json({ id: row!.id }, 201);
  },
);

notificationSettingsRoutes.openapi(
  createRoute({
    method: "delete",
    path: "/push/subscriptions",
    tags: ["notifications"],
    summary: "Stop push to this browser",
    request: body(z.strictObject({ endpoint: z.string().max(2000, "The push endpoint is too long.") })),
    responses: { 204: { description: "Removed (or was not registered)" } },
  }),
  async (c) => {
    const { tenantId, userId } = c.get("auth");
    await c.env.DB.prepare(`DELETE FROM push_subscriptions WHERE tenant_id = ? AND user_id = ? AND endpoint = ?`)
      .bind(tenantId, userId, c.req.valid("json").endpoint)
      .run();
    return c.body(null, 204);
  },
);

notificationSettingsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/workspace",
    tags: ["notifications"],
    summary: "Workspace alert settings: minutes a hand-off may wait unopened before the owner is alerted",
    responses: { 200: ok(Workspace) },
  }),
  async (c) => c.json({ handoffEscalationMinutes: await escalationMinutes(c.env, c.get("auth").tenantId) }, 200),
);

notificationSettingsRoutes.openapi(
  createRoute({
    method: "put",
    path: "/workspace",
    tags: ["notifications"],
    summary: "Set the hand-off escalation delay (1 to 1440 minutes)",
    middleware: [requireRole("admin")] as const,
    request: body(
      z.strictObject({
        handoffEscalationMinutes: z
          .number("The escalation delay must be a number of minutes.")
          .int("The escalation delay must be whole minutes.")
          .min(1, "The escalation delay must be 1 to 1440 minutes.")
          .max(1440, "The escalation delay must be 1 to 1440 minutes."),
      }),
    ),
    responses: { 200: ok(Workspace) },
  }),
  async (c) => {
    const { handoffEscalationMinutes } = c.req.valid("json");
    await c.env.DB.prepare(
      `INSERT INTO alert_settings (tenant_id, handoff_escalation_minutes, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET handoff_escalation_minutes = excluded.handoff_escalation_minutes, updated_at = excluded.updated_at`,
    )
      .bind(c.get("auth").tenantId, handoffEscalationMinutes, Date.now())
      .run();
    return c.json({ handoffEscalationMinutes }, 200);
  },
);

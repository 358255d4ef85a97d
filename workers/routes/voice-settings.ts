import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireRole } from "../http/auth";
import { badRequest } from "../http/problem";
import { tenantContext } from "../http/tenant-context";
import { toE164 } from "../leads/phone";
import { voiceSettings } from "../voice/voice-settings";

const VoiceSettings = z
  .object({
    forwardNumber: z
      .string()
      .nullable()
      .openapi({ description: "Where 0 / 'a person' transfers the caller (E.164); null: no transfer offered" }),
    voiceMode: z.enum(["auto", "gather"]),
  })
  .openapi("VoiceSettings");
const VoiceSettingsBody = z
  .strictObject({ forwardNumber: z.string().trim().max(40).nullable(), voiceMode: z.enum(["auto", "gather"]) })
  .openapi("VoiceSettingsUpdate");
const ok = { description: "OK", content: { "application/json": { schema: VoiceSettings } } };

/** The workspace's voice agent settings: the human forward number and Media Streams vs Gather. */
export const voiceSettingsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

voiceSettingsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/settings",
    tags: ["voice"],
    summary: "Voice settings (defaults when never set)",
    responses: { 200: ok },
  }),
  async (c) => c.json(await voiceSettings(c.env, c.get("auth").tenantId), 200),
);

voiceSettingsRoutes.openapi(
  createRoute({
    method: "put",
    path: "/settings",
    tags: ["voice"],
    summary: "Set the forward number (read in the workspace's country, stored as E.164) and the voice mode",
    middleware: [requireRole("admin")] as const,
    request: { body: { content: { "application/json": { schema: VoiceSettingsBody } }, required: true } },
    responses: { 200: ok },
  }),
  async (c) => {
    const { tenant } = await tenantContext(c);
    const input = c.req.valid("json");
    let forwardNumber: string | null = null;
    if (input.forwardNumber) {
      forwardNumber = toE164(input.forwardNumber, tenant.country);
      if (!forwardNumber)
        throw badRequest(`“${input.forwardNumber}” is not a valid phone number. Include the country code, e.g. +1 512 555 0100.`, {
          errors: [{ field: "forwardNumber", message: "Invalid phone number." }],
        });
    }
    await c.env.DB.prepare(
      `INSERT INTO voice_settings (tenant_id, forward_number, voice_mode, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET forward_number = excluded.forward_number, voice_mode = excluded.voice_mode, updated_at = excluded.updated_at`,
    )
      .bind(tenant.id, forwardNumber, input.voiceMode, Date.now())
      .run();
    return c.json({ forwardNumber, voiceMode: input.voiceMode }, 200);
  },
);

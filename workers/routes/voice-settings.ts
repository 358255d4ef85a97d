import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { validationHook } from "../http/validation";
import { requireRole } from "../http/auth";
import { badRequest } from "../http/problem";
import { tenantContext } from "../http/tenant-context";
import { toE164 } from "../leads/phone";
import { DEFAULT_DISCLOSURE, voiceSettings } from "../voice/voice-settings";
import { ok, jsonBody } from "../http/openapi";

const VoiceSettings = z
  .object({
    forwardNumber: z
      .string()
      .nullable()
      .openapi({ description: "Where 0 / 'a person' transfers the caller (E.164); null: no transfer offered" }),
    voiceMode: z.enum(["auto", "gather"]),
    recordingDisclosure: z.boolean().openapi({ description: "Calls open with the recording disclosure (on by default)" }),
    disclosureText: z.string().openapi({ description: "The words said first on a recorded call" }),
  })
  .openapi("VoiceSettings");
const VoiceSettingsBody = z
  .strictObject({
    forwardNumber: z.string().trim().max(40).nullable(),
    voiceMode: z.enum(["auto", "gather"]),
    // Optional: a client that does not know them leaves them as they are.
    recordingDisclosure: z.boolean().optional(),
    disclosureText: z
      .string()
      .trim()
      .min(1, "Write the disclosure, or turn it off.")
      .max(300, "Keep the disclosure under 300 characters: callers hear it before anything else.")
      .nullable()
      .optional()
      .openapi({ description: "null: the default wording" }),
  })
  .openapi("VoiceSettingsUpdate");

/** The workspace's voice agent settings: the human forward number and Media Streams vs Gather. */
export const voiceSettingsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: "get",
      path: "/settings",
      tags: ["voice"],
      summary: "Voice settings (defaults when never set)",
      responses: { 200: ok(VoiceSettings) },
    }),
    async (c) => c.json(await voiceSettings(c.env, c.get("auth").tenantId), 200),
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/settings",
      tags: ["voice"],
      summary: "Set the forward number (read in the workspace's country, stored as E.164), the voice mode and the recording disclosure",
      middleware: [requireRole("admin")] as const,
      request: { body: jsonBody(VoiceSettingsBody) },
      responses: { 200: ok(VoiceSettings) },
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
      const current = await voiceSettings(c.env, tenant.id);
      const recordingDisclosure = input.recordingDisclosure ?? current.recordingDisclosure;
      // The default wording is stored as null, so it follows the product's wording if that changes.
      const wording = input.disclosureText === undefined ? current.disclosureText : input.disclosureText;
      const disclosureText = wording === DEFAULT_DISCLOSURE ? null : wording;
      await c.env.DB.prepare(
        `INSERT INTO voice_settings (tenant_id, forward_number, voice_mode, recording_disclosure, disclosure_text, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id) DO UPDATE SET forward_number = excluded.forward_number, voice_mode = excluded.voice_mode,
         recording_disclosure = excluded.recording_disclosure, disclosure_text = excluded.disclosure_text, updated_at = excluded.updated_at`,
      )
        .bind(tenant.id, forwardNumber, input.voiceMode, recordingDisclosure ? 1 : 0, disclosureText, Date.now())
        .run();
      return c.json(await voiceSettings(c.env, tenant.id), 200);
    },
  );

import { z } from "@hono/zod-openapi";

export const Email = z
  .email("Enter a valid email address.")
  .max(254)
  .transform((e) => e.toLowerCase());
export const Password = z.string().min(10, "Use at least 10 characters.").max(256, "Use at most 256 characters.");

export const SignupBody = z
  .strictObject({
    companyName: z.string().trim().min(1, "Company name is required.").max(120),
    name: z.string().trim().min(1, "Your name is required.").max(120),
    email: Email,
    password: Password,
    timeZone: z.string().max(64).refine(isTimeZone, "Unknown IANA time zone.").optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, "Use a two-letter country code, e.g. US.")
      .optional(),
  })
  .openapi("SignupBody");

export const LoginBody = z
  .strictObject({ email: Email, password: z.string().min(1, "Password is required.").max(256), tenantId: z.string().max(64).optional() })
  .openapi("LoginBody");

export const RefreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200).optional() }).openapi("RefreshBody");

export const Session = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal("Bearer"),
    expiresIn: z.number().int(),
    refreshToken: z.string().optional().openapi({ description: "Only for API clients; the web app gets an httpOnly cookie instead." }),
    refreshExpiresAt: z.string(),
    user: z.object({ id: z.string(), email: z.string(), name: z.string(), superadmin: z.boolean() }),
    tenant: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
    role: z.enum(["owner", "admin", "agent"]),
  })
  .openapi("Session");

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

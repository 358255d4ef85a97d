import type { Env } from "../../env";
import { LocalEmailProvider } from "./local";
import type { EmailProvider } from "./provider";
import { ResendEmailProvider } from "./resend";
import { PermanentSendError } from "./provider";

export type { EmailProvider, EmailMessage } from "./provider";

/** Real provider when keyed; local otherwise — except in production, which refuses to simulate. */
export function emailProvider(env: Env): EmailProvider {
  if (env.RESEND_API_KEY)
    return new ResendEmailProvider(
      env.RESEND_API_KEY,
      env.EMAIL_FROM || "Homeline <no-reply@homeline.app>",
      env.RESEND_API_URL || undefined,
    );
  if (env.ENVIRONMENT === "production") throw new PermanentSendError("RESEND_API_KEY is not set: production does not simulate email");
  return new LocalEmailProvider();
}

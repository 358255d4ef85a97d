import type { Env } from "../../env";
import { PermanentSendError } from "../email/provider";
import { LocalSmsProvider } from "./local";
import type { SmsProvider } from "./provider";
import { TwilioSmsProvider } from "./twilio";

/**
 * Twilio when both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are set. The auth token alone only
 * verifies webhooks (local development signs its simulated webhooks with one), so it does
 * not switch sending on.
 */
export function smsProvider(env: Env): SmsProvider {
  if (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN)
    return new TwilioSmsProvider(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_API_URL);
  if (env.ENVIRONMENT === "production") throw new PermanentSendError("TWILIO_ACCOUNT_SID is not set: production does not simulate SMS");
  return new LocalSmsProvider();
}

import type { Env } from "../../env";
import { PermanentSendError } from "../email/provider";
import { LocalCallControl } from "./local";
import type { CallControl } from "./provider";
import { TwilioCallControl } from "./twilio";

/** Twilio's Calls API when the account is configured (as for SMS); simulated otherwise, except in production. */
export function callControl(env: Env): CallControl {
  if (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN)
    return new TwilioCallControl(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_API_URL);
  if (env.ENVIRONMENT === "production")
    throw new PermanentSendError("TWILIO_ACCOUNT_SID is not set: production does not simulate call control");
  return new LocalCallControl();
}

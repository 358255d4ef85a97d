import { postTwilioForm, twilioAuthorization } from "../sms/twilio-rest";
import type { CallControl } from "./provider";

/** Twilio's Calls REST resource: a live call is updated with new TwiML, or with Status=completed to hang up. */
export class TwilioCallControl implements CallControl {
  readonly name = "twilio";
  readonly simulated = false;

  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly baseUrl = "https://api.twilio.com",
  ) {}

  async redirect(callSid: string, twiml: string): Promise<void> {
    await this.update(callSid, { Twiml: twiml });
  }

  async hangup(callSid: string): Promise<void> {
    await this.update(callSid, { Status: "completed" });
  }

  private async update(callSid: string, params: Record<string, string>): Promise<void> {
    const url = `${this.baseUrl}/2010-04-01/Accounts/${this.accountSid}/Calls/${encodeURIComponent(callSid)}.json`;
    await postTwilioForm(url, twilioAuthorization(this.accountSid, this.authToken), params);
  }
}

import type { FetchedMedia } from "../whatsapp/provider";
import type { SmsMessage, SmsProvider } from "./provider";
import { postTwilioForm, twilioAuthorization, twilioErrorDetail } from "./twilio-rest";

/** Twilio's Messages REST API, Basic auth, idempotent through I-Twilio-Idempotency-Token. */
export class TwilioSmsProvider implements SmsProvider {
  readonly name = "twilio";
  readonly simulated = false;

  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly baseUrl = "https://api.twilio.com",
  ) {}

  private get authorization(): string {
    return twilioAuthorization(this.accountSid, this.authToken);
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const url = `${this.baseUrl}/2010-04-01/Accounts/${this.accountSid}/Messages.json`;
    const data = await postTwilioForm(
      url,
      this.authorization,
      { To: message.to, From: message.from, Body: message.body },
      { "I-Twilio-Idempotency-Token": message.idempotencyKey },
    );
    if (!data.sid) throw new Error(twilioErrorDetail(200, data));
    return { providerMessageId: data.sid };
  }

  async fetchMedia(url: string): Promise<FetchedMedia | null> {
    const response = await fetch(url, { headers: { Authorization: this.authorization }, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`Twilio media ${response.status}`);
    return { bytes: await response.arrayBuffer(), mimeType: response.headers.get("Content-Type") ?? "application/octet-stream" };
  }
}

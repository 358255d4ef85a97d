import { ProviderRejection, type FetchedMedia } from "../whatsapp/provider";
import type { SmsMessage, SmsProvider } from "./provider";

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
    return `Basic ${btoa(`${this.accountSid}:${this.authToken}`)}`;
  }

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    const response = await fetch(`${this.baseUrl}/2010-04-01/Accounts/${this.accountSid}/Messages.json`, {
      method: "POST",
      headers: { Authorization: this.authorization, "Content-Type": "application/x-www-form-urlencoded", "I-Twilio-Idempotency-Token": message.idempotencyKey },
      body: new URLSearchParams({ To: message.to, From: message.from, Body: message.body }),
      signal: AbortSignal.timeout(10_000),
    });
    const data = (await response.json().catch(() => ({}))) as { sid?: string; code?: number; message?: string };
    if (response.ok && data.sid) return { providerMessageId: data.sid };
    const detail = `Twilio ${response.status}: ${data.code ?? ""} ${data.message ?? ""}`.trim();
    if (response.status === 429 || response.status >= 500 || response.ok) throw new Error(detail);
    throw new ProviderRejection(detail, String(data.code ?? response.status));
  }

  async fetchMedia(url: string): Promise<FetchedMedia | null> {
    const response = await fetch(url, { headers: { Authorization: this.authorization }, signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`Twilio media ${response.status}`);
    return { bytes: await response.arrayBuffer(), mimeType: response.headers.get("Content-Type") ?? "application/octet-stream" };
  }
}

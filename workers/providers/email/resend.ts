import { PermanentSendError, type EmailMessage, type EmailProvider } from "./provider";

/** Resend's REST API (POST /emails), idempotent through the Idempotency-Key header. */
export class ResendEmailProvider implements EmailProvider {
  readonly name = "resend";
  readonly simulated = false;

  constructor(
    private readonly apiKey: string,
    private readonly from: string,
    private readonly baseUrl = "https://api.resend.com",
  ) {}

  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    const response = await fetch(`${this.baseUrl}/emails`, {
      method: "POST",
      headers: { Authorization: `Bearer ${this.apiKey}`, "Content-Type": "application/json", "Idempotency-Key": message.idempotencyKey },
      body: JSON.stringify({ from: this.from, to: [message.to], subject: message.subject, text: message.body }),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) {
      const data = (await response.json()) as { id?: string };
      if (!data.id) throw new Error("Resend answered without a message id");
      return { providerMessageId: data.id };
    }
    const detail = await response.text();
    if (response.status === 429 || response.status >= 500) throw new Error(`Resend ${response.status}: ${detail.slice(0, 200)}`);
    throw new PermanentSendError(`Resend ${response.status}: ${detail.slice(0, 200)}`);
  }
}

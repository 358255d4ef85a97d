import type { EmailMessage, EmailProvider } from "./provider";

/** No keys: the message stays in the outbox, marked simulated, and shows up in the app. */
export class LocalEmailProvider implements EmailProvider {
  readonly name = "local";
  readonly simulated = true;

  async send(message: EmailMessage): Promise<{ providerMessageId: string }> {
    return { providerMessageId: `local-${message.idempotencyKey}` };
  }
}

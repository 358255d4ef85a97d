import type { FetchedMedia } from "../whatsapp/provider";
import type { SmsMessage, SmsProvider } from "./provider";

/** No Twilio account: SMS stays in the outbox, marked simulated, and shows in the inbox. */
export class LocalSmsProvider implements SmsProvider {
  readonly name = "local";
  readonly simulated = true;

  async send(message: SmsMessage): Promise<{ providerMessageId: string }> {
    return { providerMessageId: `local-${message.idempotencyKey}` };
  }

  /** Twilio media URLs need the account's credentials. */
  async fetchMedia(): Promise<FetchedMedia | null> {
    return null;
  }
}

import type { FetchedMedia, WhatsAppMessage, WhatsAppProvider } from "./provider";

/** No access token: replies stay in the outbox, marked simulated, and show in the inbox. */
export class LocalWhatsAppProvider implements WhatsAppProvider {
  readonly name = "local";
  readonly simulated = true;

  async send(message: WhatsAppMessage): Promise<{ providerMessageId: string }> {
    return { providerMessageId: `local-${message.idempotencyKey}` };
  }

  /** Media lives on Meta's servers; without a token there is nothing to download it with. */
  async fetchMedia(): Promise<FetchedMedia | null> {
    return null;
  }
}

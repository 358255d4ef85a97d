import type { FetchedMedia } from "../whatsapp/provider";

export interface SmsMessage {
  /** The Twilio number (or "whatsapp:+E164" sender). */
  from: string;
  to: string;
  body: string;
  idempotencyKey: string;
}

export interface SmsProvider {
  readonly name: string;
  readonly simulated: boolean;
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
  /** Downloads inbound MMS/WhatsApp media from its MediaUrl; null when it cannot be fetched here. */
  fetchMedia(url: string): Promise<FetchedMedia | null>;
}

/** Twilio 21610: the recipient replied STOP; Twilio refuses to send until START. */
export const OPTED_OUT = "21610";

import { PermanentSendError } from "../email/provider";

export interface WhatsAppMessage {
  /** The sending number's phone_number_id. */
  from: string;
  /** The recipient's wa_id / E.164 number. */
  to: string;
  body: string;
  /** An interactive or template message part; null sends `body` as text. */
  payload: Record<string, unknown> | null;
  idempotencyKey: string;
}

export interface FetchedMedia {
  bytes: ArrayBuffer;
  mimeType: string;
}

export interface WhatsAppProvider {
  readonly name: string;
  readonly simulated: boolean;
  send(message: WhatsAppMessage): Promise<{ providerMessageId: string }>;
  /** Downloads an inbound image or voice note by its media id; null when it cannot be fetched here. */
  fetchMedia(mediaId: string): Promise<FetchedMedia | null>;
}

/** A refusal that retrying cannot fix, with the provider's error code (131047: 24-hour window closed). */
export class ProviderRejection extends PermanentSendError {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export const WINDOW_CLOSED = "131047";

/** Provider-neutral shapes of what a webhook delivers, after parsing. */

/** Meta and Twilio send a few KB per event; anything far larger is not theirs. */
export const WEBHOOK_MAX_BYTES = 1_048_576;

export interface InboundContent {
  kind: "text" | "image" | "audio" | "location" | "choice" | "unsupported";
  /** What the customer said or chose, as text (a caption, a button title, an address). */
  text: string;
  /** The id of a reply button or list row that was tapped. */
  choiceId?: string;
  media?: { id?: string; url?: string; mimeType: string };
  location?: { lat: number; lng: number; name?: string; address?: string };
}

export interface InboundMessage {
  type: "message";
  providerMessageId: string;
  /** Where replies go: wa_id for WhatsApp Cloud, E.164 or whatsapp:+E164 for Twilio. */
  from: string;
  profileName?: string;
  timestamp: number;
  content: InboundContent;
}

export type DeliveryStatus = "sent" | "delivered" | "read" | "failed";

export interface InboundStatus {
  type: "status";
  providerMessageId: string;
  recipient: string;
  status: DeliveryStatus;
  timestamp: number;
  errorCode?: string;
}

export type InboundItem = InboundMessage | InboundStatus;

export const STATUS_RANK: Record<DeliveryStatus, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

import type { DeliveryStatus, InboundItem } from "./inbound";

const TWILIO_STATUS: Record<string, DeliveryStatus> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
  undelivered: "failed",
};

/** A status callback about one of our messages, rather than an inbound message. */
export const isTwilioStatus = (params: Record<string, string>) => params.MessageStatus !== undefined && params.Body === undefined;

/** The contact a Twilio webhook is about: From on an inbound message, To on a status callback. */
export const twilioContact = (params: Record<string, string>): string | undefined => (isTwilioStatus(params) ? params.To : params.From);

/**
 * A Twilio messaging webhook (inbound SMS/WhatsApp message, or a status callback) as items.
 * Status callbacks carry no event time, so the time they arrive stands in for it.
 */
export function twilioItems(params: Record<string, string>, receivedAt: number): InboundItem[] {
  const sid = params.MessageSid ?? params.SmsSid;
  if (!sid) return [];
  if (isTwilioStatus(params)) {
    const status = TWILIO_STATUS[params.MessageStatus ?? ""];
    return status
      ? [
          {
            type: "status",
            providerMessageId: sid,
            recipient: params.To ?? "",
            status,
            timestamp: receivedAt,
            errorCode: params.ErrorCode || undefined,
          },
        ]
      : [];
  }
  const from = params.From ?? "";
  const text = params.Body ?? "";
  const base = {
    type: "message" as const,
    providerMessageId: sid,
    from,
    profileName: params.ProfileName || undefined,
    timestamp: receivedAt,
  };
  if (params.Latitude && params.Longitude) {
    const lat = Number(params.Latitude);
    const lng = Number(params.Longitude);
    return [
      {
        ...base,
        content: {
          kind: "location",
          text: params.Address || params.Label || `${lat}, ${lng}`,
          location: { lat, lng, name: params.Label, address: params.Address },
        },
      },
    ];
  }
  if (params.ButtonPayload)
    return [{ ...base, content: { kind: "choice", text: params.ButtonText ?? text, choiceId: params.ButtonPayload } }];
  if (Number(params.NumMedia ?? 0) > 0 && params.MediaUrl0) {
    const mimeType = params.MediaContentType0 ?? "application/octet-stream";
    return [
      { ...base, content: { kind: mimeType.startsWith("audio/") ? "audio" : "image", text, media: { url: params.MediaUrl0, mimeType } } },
    ];
  }
  return [{ ...base, content: { kind: "text", text } }];
}

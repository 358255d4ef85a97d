import type { InboundContent, InboundItem, DeliveryStatus } from "./inbound";

// The parts of Meta's webhook payload this app reads (developers.facebook.com → WhatsApp Cloud API → Webhooks).
interface MetaMessage {
  from: string;
  id: string;
  timestamp: string;
  type: string;
  text?: { body: string };
  image?: { id: string; mime_type: string; caption?: string };
  audio?: { id: string; mime_type: string; voice?: boolean };
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  interactive?: {
    type: string;
    button_reply?: { id: string; title: string };
    list_reply?: { id: string; title: string; description?: string };
  };
  button?: { payload?: string; text: string };
}

interface MetaStatus {
  id: string;
  status: string;
  timestamp: string;
  recipient_id: string;
  errors?: { code: number; title?: string }[];
}

export interface MetaWebhook {
  object?: string;
  entry?: {
    id?: string;
    changes?: {
      field?: string;
      value?: {
        metadata?: { phone_number_id?: string };
        contacts?: { profile?: { name?: string }; wa_id: string }[];
        messages?: MetaMessage[];
        statuses?: MetaStatus[];
      };
    }[];
  }[];
}

/** Every phone_number_id the payload addresses (one webhook can carry several numbers' events). */
export function phoneNumberIds(payload: MetaWebhook): string[] {
  const ids = new Set<string>();
  for (const entry of payload.entry ?? [])
    for (const change of entry.changes ?? []) if (change.value?.metadata?.phone_number_id) ids.add(change.value.metadata.phone_number_id);
  return [...ids];
}

/** The contact of the first message or status for `phoneNumberId` (events of one contact are kept in order by it). */
export function firstContact(payload: MetaWebhook, phoneNumberId: string): string | undefined {
  for (const entry of payload.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (value?.metadata?.phone_number_id !== phoneNumberId) continue;
      const contact = value.messages?.[0]?.from ?? value.statuses?.[0]?.recipient_id;
      if (contact) return contact;
    }
  }
  return undefined;
}

/** Messages and statuses addressed to `phoneNumberId`, statuses sorted by their timestamp. */
export function whatsappItems(payload: MetaWebhook, phoneNumberId: string): InboundItem[] {
  const items: InboundItem[] = [];
  for (const entry of payload.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (change.field !== "messages" || value?.metadata?.phone_number_id !== phoneNumberId) continue;
      const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
      for (const m of value.messages ?? []) {
        items.push({
          type: "message",
          providerMessageId: m.id,
          from: m.from,
          profileName: names.get(m.from) ?? undefined,
          timestamp: Number(m.timestamp) * 1000,
          content: contentOf(m),
        });
      }
      for (const s of value.statuses ?? []) {
        if (!["sent", "delivered", "read", "failed"].includes(s.status)) continue;
        const code = s.errors?.[0]?.code;
        items.push({
          type: "status",
          providerMessageId: s.id,
          recipient: s.recipient_id,
          status: s.status as DeliveryStatus,
          timestamp: Number(s.timestamp) * 1000,
          errorCode: code === undefined ? undefined : String(code),
        });
      }
    }
  }
  return items.sort((a, b) => a.timestamp - b.timestamp);
}

function contentOf(m: MetaMessage): InboundContent {
  switch (m.type) {
    case "text":
      return { kind: "text", text: m.text?.body ?? "" };
    case "image":
      return { kind: "image", text: m.image?.caption ?? "", media: { id: m.image!.id, mimeType: m.image!.mime_type } };
    case "audio":
      return { kind: "audio", text: "", media: { id: m.audio!.id, mimeType: m.audio!.mime_type } };
    case "location": {
      const l = m.location!;
      return {
        kind: "location",
        text: l.address ?? l.name ?? `${l.latitude}, ${l.longitude}`,
        location: { lat: l.latitude, lng: l.longitude, name: l.name, address: l.address },
      };
    }
    case "interactive": {
      const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
      return reply ? { kind: "choice", text: reply.title, choiceId: reply.id } : { kind: "unsupported", text: "" };
    }
    case "button":
      return { kind: "choice", text: m.button?.text ?? "", choiceId: m.button?.payload };
    default:
      return { kind: "unsupported", text: "" };
  }
}

import { listen, reply } from "./http";

export interface RecordedWhatsApp {
  phoneNumberId: string;
  authorization: string | undefined;
  body: { messaging_product?: string; to?: string; type?: string; text?: { body?: string }; interactive?: any; template?: any };
}

/**
 * A contract fake of Meta's Graph API for WhatsApp on loopback: POST /v21.0/{phone_number_id}/messages
 * (bearer token, messaging_product, and the limits Meta enforces: ≤ 3 reply buttons with titles
 * ≤ 20 characters, ≤ 10 list rows), GET /v21.0/{media_id} and the media download (ids starting
 * "media-audio" are voice notes, Ogg/Opus as WhatsApp records them; others JPEG photos).
 * Recipients starting 1555013104 are outside the 24-hour window (131047: only templates go);
 * 1555050000 gets a 500.
 */
export function startGraphFake() {
  const sent: RecordedWhatsApp[] = [];
  let counter = 0;
  return listen((req, raw, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const authorized = req.headers.authorization?.startsWith("Bearer EAA");
    if (req.method === "GET" && url.pathname === "/__sent") return reply(res, 200, sent);
    if (!authorized) return reply(res, 401, { error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 } });
    const download = url.pathname.match(/^\/media-download\/([\w.-]+)$/);
    if (req.method === "GET" && download) {
      const file = mediaFile(download[1]!);
      res.writeHead(200, { "Content-Type": file.mimeType });
      return res.end(file.bytes);
    }
    const media = url.pathname.match(/^\/v\d+\.\d+\/(media[\w.-]*)$/);
    if (req.method === "GET" && media)
      return reply(res, 200, {
        url: `http://${req.headers.host}/media-download/${media[1]}`,
        mime_type: mediaFile(media[1]!).mimeType,
        sha256: "0".repeat(64),
        file_size: 20,
        id: media[1],
        messaging_product: "whatsapp",
      });
    const send = url.pathname.match(/^\/v\d+\.\d+\/(\d+)\/messages$/);
    if (req.method !== "POST" || !send) return reply(res, 404, { error: { message: "Unknown path", code: 100 } });
    let body: RecordedWhatsApp["body"];
    try {
      body = JSON.parse(raw);
    } catch {
      return reply(res, 400, { error: { message: "Invalid JSON", code: 100 } });
    }
    const invalid = validate(body);
    if (invalid) return reply(res, 400, { error: { message: invalid, type: "OAuthException", code: 100 } });
    if (body.to!.startsWith("1555013104") && body.type !== "template")
      return reply(res, 400, {
        error: {
          message: "Re-engagement message",
          type: "OAuthException",
          code: 131047,
          error_data: {
            details: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
          },
        },
      });
    if (body.to!.startsWith("1555050000")) return reply(res, 500, { error: { message: "An unknown error has occurred.", code: 1 } });
    sent.push({ phoneNumberId: send[1]!, authorization: req.headers.authorization, body });
    reply(res, 200, {
      messaging_product: "whatsapp",
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: `wamid.fake-${++counter}` }],
    });
  });
}

function validate(body: RecordedWhatsApp["body"]): string | null {
  if (body.messaging_product !== "whatsapp") return "messaging_product must be whatsapp";
  if (!body.to) return "to is required";
  if (body.type === "text") return body.text?.body ? null : "text.body is required";
  if (body.type === "template")
    return body.template?.name && body.template?.language?.code ? null : "template name and language are required";
  if (body.type !== "interactive") return `Unsupported type ${body.type}`;
  const interactive = body.interactive;
  if (interactive?.type === "button") {
    const buttons = interactive.action?.buttons ?? [];
    if (!buttons.length || buttons.length > 3) return "Buttons must be between 1 and 3";
    if (buttons.some((b: any) => !b.reply?.id || !b.reply?.title || b.reply.title.length > 20)) return "Button title length invalid";
    return null;
  }
  if (interactive?.type === "list") {
    const rows = (interactive.action?.sections ?? []).flatMap((s: any) => s.rows ?? []);
    if (!rows.length || rows.length > 10) return "Total row count must be between 1 and 10";
    return interactive.action?.button ? null : "action.button is required";
  }
  return "Unsupported interactive type";
}

function mediaFile(id: string): { mimeType: string; bytes: Buffer } {
  return id.startsWith("media-audio")
    ? { mimeType: "audio/ogg; codecs=opus", bytes: Buffer.concat([Buffer.from("OggS\0\x02", "latin1"), Buffer.from(`opus-of-${id}`)]) }
    : { mimeType: "image/jpeg", bytes: Buffer.from(`jpeg-bytes-of-${id}`) };
}

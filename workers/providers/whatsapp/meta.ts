import { ProviderRejection, type FetchedMedia, type WhatsAppMessage, type WhatsAppProvider } from "./provider";

const GRAPH_VERSION = "v21.0";

/** Meta's WhatsApp Cloud API: POST /{phone_number_id}/messages and media downloads, Bearer token. */
export class MetaWhatsAppProvider implements WhatsAppProvider {
  readonly name = "meta";
  readonly simulated = false;

  constructor(
    private readonly accessToken: string,
    private readonly baseUrl = "https://graph.facebook.com",
  ) {}

  async send(message: WhatsAppMessage): Promise<{ providerMessageId: string }> {
    const part = message.payload ?? { type: "text", text: { body: message.body, preview_url: false } };
    const response = await fetch(`${this.baseUrl}/${GRAPH_VERSION}/${message.from}/messages`, {
      method: "POST",
      headers: { Authorization: `Bearer ${this.accessToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ messaging_product: "whatsapp", recipient_type: "individual", to: message.to, ...part }),
      signal: AbortSignal.timeout(10_000),
    });
    const data = (await response.json().catch(() => ({}))) as { messages?: { id: string }[]; error?: { code?: number; message?: string } };
    if (response.ok && data.messages?.[0]?.id) return { providerMessageId: data.messages[0].id };
    const detail = `Graph ${response.status}: ${data.error?.code ?? ""} ${data.error?.message ?? ""}`.trim();
    if (response.status === 429 || response.status >= 500 || response.ok) throw new Error(detail);
    throw new ProviderRejection(detail, String(data.error?.code ?? response.status));
  }

  async fetchMedia(mediaId: string): Promise<FetchedMedia | null> {
    const auth = { Authorization: `Bearer ${this.accessToken}` };
    const meta = await fetch(`${this.baseUrl}/${GRAPH_VERSION}/${mediaId}`, { headers: auth, signal: AbortSignal.timeout(10_000) });
    if (!meta.ok) throw new Error(`Graph media ${meta.status}`);
    const { url, mime_type } = (await meta.json()) as { url: string; mime_type: string };
    const file = await fetch(url, { headers: auth, signal: AbortSignal.timeout(30_000) });
    if (!file.ok) throw new Error(`Graph media download ${file.status}`);
    return { bytes: await file.arrayBuffer(), mimeType: mime_type };
  }
}

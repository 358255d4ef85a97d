import type { Env } from "../../env";
import { PermanentSendError } from "../email/provider";
import { LocalWhatsAppProvider } from "./local";
import { MetaWhatsAppProvider } from "./meta";
import type { WhatsAppProvider } from "./provider";

/** Graph API when WHATSAPP_ACCESS_TOKEN is set; local otherwise — except in production, which refuses to simulate. */
export function whatsappProvider(env: Env): WhatsAppProvider {
  if (env.WHATSAPP_ACCESS_TOKEN) return new MetaWhatsAppProvider(env.WHATSAPP_ACCESS_TOKEN, env.WHATSAPP_GRAPH_URL);
  if (env.ENVIRONMENT === "production")
    throw new PermanentSendError("WHATSAPP_ACCESS_TOKEN is not set: production does not simulate WhatsApp");
  return new LocalWhatsAppProvider();
}

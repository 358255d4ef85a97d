import { CHANNELS, type Channel } from "./model";

/**
 * Unit prices. A workspace pays MARKUP × what the providers charge us, rounded up to whole
 * credits (1 credit = 1 US cent); a platform admin can override any unit per workspace.
 *
 * Provider costs are list prices we assume (US, 2025–26; check the pages when they change):
 * - voice, per started minute: Twilio Voice $0.014/min outbound (twilio.com/en-us/voice/pricing/us)
 *   + Deepgram streaming STT $0.0077/min (deepgram.com/pricing) + ElevenLabs TTS ≈ $0.03 for
 *   the agent's half of a minute (elevenlabs.io/pricing/api) + Claude ≈ $0.008 → $0.06.
 * - sms, per segment: Twilio $0.0083 + US carrier fees ≈ $0.003 (twilio.com/en-us/sms/pricing/us) → $0.0113.
 * - whatsapp, per message: Meta's per-message rate (utility $0.0034 … marketing $0.025;
 *   developers.facebook.com/docs/whatsapp/pricing) + Twilio's $0.005 → ≈ $0.01 blended.
 * - email, per message: Resend Pro, $20 for 50,000 (resend.com/pricing) → $0.0004.
 * - scan, per property: Google Solar API buildingInsights $0.01 (developers.google.com/maps/billing-and-pricing/pricing)
 *   + aerial image $0.002 + parcel/enrichment lookup ≈ $0.008 → $0.02.
 */
export const MARKUP = 4;

const MICRO_USD_PER_CREDIT = 10_000;

export const PROVIDER_COSTS: Record<Channel, { microUsd: number; unit: string }> = {
  voice: { microUsd: 60_000, unit: "started minute" },
  sms: { microUsd: 11_300, unit: "segment" },
  whatsapp: { microUsd: 10_000, unit: "message" },
  email: { microUsd: 400, unit: "message" },
  scan: { microUsd: 20_000, unit: "property" },
};

export type PriceTable = Record<Channel, number>;
export type PriceOverrides = Partial<Record<Channel, number>>;

/** MARKUP × provider cost in credits, never below one credit. */
export function defaultPrice(channel: Channel): number {
  return Math.max(1, Math.ceil((PROVIDER_COSTS[channel].microUsd * MARKUP) / MICRO_USD_PER_CREDIT));
}

export function priceTable(overrides: PriceOverrides = {}): PriceTable {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, overrides[channel] ?? defaultPrice(channel)])) as PriceTable;
}

export function quote(prices: PriceTable, channel: Channel, quantity: number): number {
  if (!Number.isInteger(quantity) || quantity < 0) throw new RangeError(`quantity must be a whole number ≥ 0, got ${quantity}`);
  return prices[channel] * quantity;
}

/** Calls are billed per started minute: 61 s is two minutes, an unanswered call none. */
export function voiceMinutes(seconds: number): number {
  return Math.ceil(Math.max(0, seconds) / 60);
}

// The GSM 03.38 alphabet; anything else makes the whole message UCS-2.
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f"; // each takes an escape plus the character

/** SMS segments as carriers bill them: 160/153 GSM-7 septets, or 70/67 UTF-16 units. */
export function smsSegments(text: string): number {
  if (!text) return 1;
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}

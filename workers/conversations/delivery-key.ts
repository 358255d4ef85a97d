import type { InboundItem } from "./inbound";

/**
 * What makes a webhook delivery the same delivery again: the provider's ids of the messages it
 * carries, and of the statuses with the status reached (sent → delivered are two deliveries).
 * Order-free, so a resend is recognised however the provider batches it. Undefined for a body
 * with nothing this app reads, which is stored as it comes.
 */
export function deliveryKey(items: InboundItem[]): string | undefined {
  if (!items.length) return undefined;
  return items
    .map((item) => (item.type === "message" ? item.providerMessageId : `${item.providerMessageId}:${item.status}`))
    .sort()
    .join(" ");
}

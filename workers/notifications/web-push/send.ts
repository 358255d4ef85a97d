import type { Env } from "../../env";
import { encryptPayload, type SubscriptionKeys } from "./encrypt";
import { vapidAuthorization, type VapidKeys } from "./vapid";

export interface PushTarget extends SubscriptionKeys {
  endpoint: string;
}

export type PushOutcome = "sent" | "gone" | "failed";

const DAY_SECONDS = 86_400;

export function vapidKeys(env: Env): VapidKeys | null {
  return env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY ? { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY } : null;
}

/**
 * One Web Push message (RFC 8030) to a browser's push service: encrypted for the browser,
 * signed for the service. "gone" (404/410) means the browser dropped the subscription.
 */
export async function sendWebPush(keys: VapidKeys, subject: string, target: PushTarget, payload: unknown): Promise<PushOutcome> {
  const body = await encryptPayload(new TextEncoder().encode(JSON.stringify(payload)), target);
  const response = await fetch(target.endpoint, {
    method: "POST",
    headers: {
      Authorization: await vapidAuthorization(target.endpoint, keys, subject),
      "Content-Encoding": "aes128gcm",
      "Content-Type": "application/octet-stream",
      TTL: String(DAY_SECONDS),
      Urgency: "high",
    },
    body,
  });
  await response.body?.cancel();
  if (response.status === 404 || response.status === 410) return "gone";
  return response.ok ? "sent" : "failed";
}

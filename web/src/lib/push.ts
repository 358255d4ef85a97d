import { api } from "./api/client";

const fromBase64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

/** Whether this browser can take Web Push at all (service workers, the Push API, notifications). */
export const pushSupported = () => "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register("/service-worker.js");
  return navigator.serviceWorker.ready;
}

/** This browser's current subscription, if any. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  return (await navigator.serviceWorker.getRegistration())?.pushManager.getSubscription() ?? null;
}

/**
 * Asks for permission, subscribes with the server's VAPID key and registers the subscription.
 * Returns a sentence saying why not when it cannot.
 */
export async function enablePush(): Promise<string | null> {
  if (!pushSupported()) return "This browser does not support push notifications.";
  const { publicKey } = await api<{ publicKey: string | null }>("/notifications/push/key");
  if (!publicKey) return "Browser push is not set up on this server (VAPID keys are missing).";
  if ((await Notification.requestPermission()) !== "granted") return "Notifications are blocked for this site in the browser's settings.";
  const reg = await registration();
  const subscription =
    (await reg.pushManager.getSubscription()) ??
    (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64url(publicKey) }));
  await api("/notifications/push/subscriptions", { method: "POST", json: subscription.toJSON() });
  return null;
}

export async function disablePush(): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await api("/notifications/push/subscriptions", { method: "DELETE", json: { endpoint: subscription.endpoint } });
  await subscription.unsubscribe();
}

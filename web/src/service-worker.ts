/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// Shows Web Push notifications (payload: a notification as GET /api/v1/notifications lists it)
// and opens the app at the notification's link when one is clicked.
const worker = self as unknown as ServiceWorkerGlobalScope;

interface PushedNotification {
  id: string;
  title: string;
  body: string;
  link: string | null;
}

worker.addEventListener("install", () => void worker.skipWaiting());
worker.addEventListener("activate", (event) => event.waitUntil(worker.clients.claim()));

worker.addEventListener("push", (event) => {
  const data = (event.data?.json() ?? null) as PushedNotification | null;
  if (!data) return;
  event.waitUntil(
    worker.registration.showNotification(data.title, { body: data.body, tag: data.id, data: { link: data.link ?? "/dashboard" } }),
  );
});

worker.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const link = new URL((event.notification.data as { link: string }).link, worker.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await worker.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).origin === worker.location.origin);
      if (open) {
        await open.focus();
        await open.navigate(link);
      } else await worker.clients.openWindow(link);
    })(),
  );
});

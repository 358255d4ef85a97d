// Alerts benchmark: one event notifying 50 members, each with an open /ws/activity socket.
// Takes { url, whatsapp: { secret } }: it makes a workspace of its own (owner + 49 invited
// members, a WhatsApp number, the local engine), so the shared workspaces are not touched.
import { createHmac, randomUUID } from "node:crypto";
import WebSocket from "ws";
import { metaTextWebhook } from "../workers/conversations/webhook-payloads.ts";
import { percentile } from "./stats.mjs";

const MEMBERS = 50;
const EVENTS = 20;
const fmt = (n) => n.toLocaleString("en-US");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// The public routes are limited per address; each call comes from an address of its own, as the tests do.
const someAddress = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

async function api(url, token, method, path, body) {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      "Content-Type": "application/json",
      "CF-Connecting-IP": someAddress(),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response.json();
}

/** A workspace with MEMBERS members (their access tokens) and a WhatsApp number answered by the local engine. */
async function alertsWorkspace(url) {
  const suffix = randomUUID().slice(0, 8);
  const owner = await api(url, null, "POST", "/auth/signup", {
    companyName: `Bench Alerts ${suffix}`,
    name: "Alert Owner",
    email: `bench-alerts-${suffix}@homeline.test`,
    password: "bench alerts password",
  });
  await api(url, owner.accessToken, "PUT", "/channels/ai", { engine: "local", model: "claude-sonnet-4-5", instructions: null });
  const phoneNumberId = String(Date.now()).slice(-12).padStart(15, "9");
  await api(url, owner.accessToken, "POST", "/channels", { kind: "whatsapp", address: phoneNumberId, displayNumber: "+1 512 555 0142" });
  const tokens = [owner.accessToken];
  for (let i = 1; i < MEMBERS; i++) {
    const invite = await api(url, owner.accessToken, "POST", "/invites", { email: `member-${i}-${suffix}@homeline.test`, role: "agent" });
    const token = new URL(invite.acceptUrl).hash.replace("#token=", "");
    tokens.push(
      (await api(url, null, "POST", "/auth/accept-invite", { token, name: `Member ${i}`, password: "bench member password" })).accessToken,
    );
  }
  return { tokens, phoneNumberId };
}

async function openSocket(url, token) {
  const { url: path } = await api(url, token, "POST", "/ws-ticket", { channel: "activity" });
  const socket = new WebSocket(url.replace(/^http/, "ws") + path);
  await new Promise((resolve, reject) => {
    socket.once("message", resolve); // the snapshot
    socket.once("error", reject);
  });
  return socket;
}

/** The socket's next notification message. */
const nextNotification = (socket) =>
  new Promise((resolve) => {
    const listen = (data) => {
      const message = JSON.parse(String(data));
      if (message.type !== "notification") return;
      socket.off("message", listen);
      resolve({ at: Date.now(), message });
    };
    socket.on("message", listen);
  });

/**
 * 50 members of one workspace, each with an open /ws/activity socket; 20 customers one after
 * another ask for a person over WhatsApp (a signed webhook). Each hand-off goes webhook →
 * queue → Conversation object → raise → queue → fan-out (50 rows, one socket message per
 * member). Timed per member from the webhook being sent to that member's socket receiving the
 * notification — the whole path, both queue hops included.
 */
export async function notificationFanout({ url, whatsapp }) {
  const { tokens, phoneNumberId } = await alertsWorkspace(url);
  const sockets = await Promise.all(tokens.map((token) => openSocket(url, token)));
  try {
    const delays = [];
    const unreadSeen = new Set();
    for (let event = 0; event < EVENTS; event++) {
      const received = sockets.map(nextNotification);
      const body = JSON.stringify(
        metaTextWebhook({
          phoneNumberId,
          displayNumber: "+15125550142",
          from: `1512555${String(1000 + event).padStart(4, "0")}`,
          name: `Bench Caller ${event}`,
          text: "Can I talk to a real person please?",
          id: `wamid.alerts-${randomUUID()}`,
          timestamp: Date.now(),
        }),
      );
      const sent = Date.now();
      const response = await fetch(`${url}/webhooks/whatsapp`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-Hub-Signature-256": `sha256=${createHmac("sha256", whatsapp.secret).update(body).digest("hex")}`,
        },
        body,
      });
      if (!response.ok) throw new Error(`webhook: HTTP ${response.status}`);
      const arrivals = await Promise.race([Promise.all(received), sleep(10_000).then(() => null)]);
      if (!arrivals) throw new Error(`event ${event}: not every member was notified within 10 s`);
      for (const { at, message } of arrivals) {
        delays.push(at - sent);
        unreadSeen.add(message.unread);
      }
      await sleep(200);
    }
    delays.sort((a, b) => a - b);
    const latencyMs = {
      p50: percentile(delays, 50),
      p95: percentile(delays, 95),
      p99: percentile(delays, 99),
      max: percentile(delays, 100),
    };
    return {
      name: "notification-fanout",
      title: "One hand-off notifying 50 members",
      load: `${MEMBERS} members with open /ws/activity sockets, ${EVENTS} hand-offs one at a time`,
      parameters: {
        members: MEMBERS,
        events: EVENTS,
        event: "a signed WhatsApp webhook whose customer asks for a person (local engine)",
        measuredFrom: "the webhook request being sent, to each member's socket receiving the notification",
      },
      figures: { deliveries: delays.length, latencyMs, unreadCountsSeen: [...unreadSeen].sort((a, b) => a - b) },
      summary: `${fmt(delays.length)} in-app deliveries · from webhook p50 ${latencyMs.p50} ms · p95 ${latencyMs.p95} ms · p99 ${latencyMs.p99} ms · max ${latencyMs.max} ms`,
      target: { description: "every member notified; p99 ≤ 1 s from the event", p99Ms: 1000 },
      met: delays.length === MEMBERS * EVENTS && latencyMs.p99 <= 1000,
    };
  } finally {
    for (const socket of sockets) socket.close(1000);
  }
}

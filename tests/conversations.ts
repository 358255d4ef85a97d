import { env } from "cloudflare:workers";
import { createHmac } from "node:crypto";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import { call, json, signup, type TestAccount } from "./api";
import { metaTextWebhook, twilioSmsParams } from "../workers/conversations/webhook-payloads";
import { processInboundEvent } from "../workers/conversations/process-event";
import { AttemptInProgress, deliverOutboxMessage } from "../workers/outbox/deliver";
import type { Env } from "../workers/env";
import { NETWORKS } from "../scripts/lib/network.mjs";

export const APP_SECRET = "test-whatsapp-app-secret";
export const TWILIO_TOKEN = "test-twilio-auth-token";

let sequence = 0;
export const uniqueDigits = (length: number) =>
  `${Date.now()}${++sequence}${Math.floor(Math.random() * 1e6)}`.replace(/\D/g, "").slice(-length).padStart(length, "7");

/** Meta's signature over the exact bytes sent, as Meta computes it (Node's HMAC, not the app's code). */
export const metaSignature = (body: string, secret = APP_SECRET) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export function postWhatsApp(body: string, signature: string | null = metaSignature(body)): Promise<Response> {
  return call("POST", "/webhooks/whatsapp", {
    raw: body,
    headers: { "Content-Type": "application/json", ...(signature ? { "X-Hub-Signature-256": signature } : {}) },
  });
}

export function postTwilio(
  params: Record<string, string>,
  signature: string | null = getExpectedTwilioSignature(TWILIO_TOKEN, "http://localhost:8787/webhooks/twilio/sms", params),
): Promise<Response> {
  return call("POST", "/webhooks/twilio/sms", {
    raw: new URLSearchParams(params).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(signature ? { "X-Twilio-Signature": signature } : {}) },
  });
}

export interface Workspace extends TestAccount {
  whatsapp: { id: string; phoneNumberId: string };
  sms: { id: string; number: string };
  pros: Record<string, any>;
}

const weekdays = (start: string, end: string) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start, end }));

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** The pros `npm start` seeds (scripts/lib/network.mjs): the README's examples run against these. */
export async function demoWorkspace(engine: "local" | "auto" = "local"): Promise<Workspace> {
  const { pros } = NETWORKS["lone-star-roofing-plumbing"]!;
  return workspace(`Lone Star Roofing & Plumbing ${uniqueDigits(6)}`, engine, (pro) =>
    Object.fromEntries(
      pros.map((p, i) => [
        ["plumber", "roofer", "hvac", "handyman"][i]!,
        () =>
          pro({
            name: p.name,
            phone: p.phone,
            trades: p.trades,
            postcodes: p.postcodes ?? [],
            cities: p.cities ?? [],
            ...(p.radiusKm ? { baseLat: DEMO_BASE.lat, baseLng: DEMO_BASE.lng, radiusKm: p.radiusKm } : {}),
            hours: p.hours.map(([weekday, start, end]) => ({ weekday, start: hhmm(start), end: hhmm(end) })),
            minNoticeMinutes: 60,
            bufferMinutes: 30,
          }),
      ]),
    ),
  );
}
const DEMO_BASE = { lat: 30.2672, lng: -97.7431 };

type ProMaker = (body: Record<string, unknown>) => Promise<any>;

/** A workspace with a WhatsApp number, an SMS number and two pros around Austin; the local engine unless `engine` says otherwise. */
export async function workspace(
  company = `Leak Busters ${uniqueDigits(6)}`,
  engine: "local" | "auto" = "local",
  network?: (pro: ProMaker) => Record<string, () => Promise<any>>,
): Promise<Workspace> {
  const account = await signup(company);
  await call("PUT", "/api/v1/channels/ai", { token: account.token, body: { engine, model: "claude-test-model", instructions: null } });
  const phoneNumberId = uniqueDigits(15);
  const smsNumber = `+1512${uniqueDigits(7)}`;
  const whatsapp = await json(
    await call("POST", "/api/v1/channels", {
      token: account.token,
      body: { kind: "whatsapp", address: phoneNumberId, displayNumber: "+1 512 555 0199" },
    }),
  );
  const sms = await json(
    await call("POST", "/api/v1/channels", { token: account.token, body: { kind: "sms", address: smsNumber, displayNumber: smsNumber } }),
  );
  const pro = async (body: Record<string, unknown>) =>
    json(
      await call("POST", "/api/v1/pros", {
        token: account.token,
        body: { timeZone: "America/Chicago", hours: weekdays("00:00", "24:00"), minNoticeMinutes: 0, bufferMinutes: 0, ...body },
      }),
    );
  const makers = network?.(pro) ?? {
    plumber: () => pro({ name: "Pat Plumber", phone: "+15125550111", trades: ["plumbing"], postcodes: ["787"] }),
    roofer: () => pro({ name: "Rosa Roofer", phone: "+15125550112", trades: ["roofing"], cities: ["Austin"] }),
  };
  const pros: Record<string, any> = {};
  for (const [role, make] of Object.entries(makers)) pros[role] = await make();
  return { ...account, whatsapp: { id: whatsapp.id, phoneNumberId }, sms: { id: sms.id, number: smsNumber }, pros };
}

export function whatsappText(ws: Workspace, from: string, text: string, id = `wamid.${uniqueDigits(12)}`, timestamp = Date.now()) {
  return JSON.stringify(
    metaTextWebhook({
      phoneNumberId: ws.whatsapp.phoneNumberId,
      displayNumber: "+15125550199",
      from,
      name: "Maria Garcia",
      text,
      id,
      timestamp,
    }),
  );
}

export function smsParams(ws: Workspace, from: string, text: string, sid = `SM${uniqueDigits(32)}`) {
  return twilioSmsParams({ accountSid: "AC00000000000000000000000000000000", from, to: ws.sms.number, text, sid });
}

/**
 * Runs what the queue would: stored webhook events in arrival order, then queued outbox rows,
 * until nothing is pending. Tests call it instead of waiting for the runtime's batch timer.
 */
export async function settle(testEnv: Env = env): Promise<void> {
  for (let round = 0; round < 10; round++) {
    const events = await testEnv.DB.prepare("SELECT id FROM inbound_events WHERE processed_at IS NULL ORDER BY received_at, id").all<{
      id: string;
    }>();
    for (const { id } of events.results) await processInboundEvent(testEnv, id);
    const outbox = await testEnv.DB.prepare(
      "SELECT id FROM outbox WHERE status IN ('queued', 'retrying') AND channel != 'email' ORDER BY created_at, id",
    ).all<{ id: string }>();
    let busy = false;
    for (const { id } of outbox.results)
      await deliverOutboxMessage(testEnv, id).catch((err) => {
        busy ||= err instanceof AttemptInProgress;
      });
    if (!events.results.length && !outbox.results.length) return;
    // The runtime's own consumer is sending some of them: give it a moment instead of spinning.
    if (busy) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function thread(ws: Workspace, contact: string): Promise<any> {
  const list = await json(await call("GET", `/api/v1/conversations?contact=${encodeURIComponent(contact)}`, { token: ws.token }));
  if (!list.items.length) return null;
  return json(await call("GET", `/api/v1/conversations/${list.items[0].id}`, { token: ws.token }));
}

/** The bodies of the AI's and system's replies in a thread, oldest first. */
export const replies = (t: any): string[] => t.messages.filter((m: any) => m.direction === "out").map((m: any) => m.body);

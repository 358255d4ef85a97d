// Shared by simulate-whatsapp.mjs and simulate-sms.mjs: sign a webhook exactly as the provider
// does, post it to the local Worker, then print the replies that land in the outbox.
import { createHmac, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { DEMO, DEMO_PASSWORD } from "./accounts.mjs";
import { readDevVars } from "./dev-vars.mjs";
import { NETWORKS } from "./network.mjs";
import { metaTextWebhook, twilioSmsParams } from "../../workers/conversations/webhook-payloads.ts";

const QUIET_MS = 1500;
const TIMEOUT_MS = 15_000;

export function simulatorOptions(usage) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: "string", default: "+15125550100" },
      to: { type: "string" },
      name: { type: "string", default: "Maria Garcia" },
      url: { type: "string", default: process.env.BASE_URL || "http://localhost:8787" },
      email: { type: "string" },
      password: { type: "string" },
    },
  });
  const text = positionals.join(" ").trim();
  if (!text) throw new Error(`Say something, e.g.\n  ${usage}`);
  if (!/^\+\d{7,15}$/.test(values.from)) throw new Error(`--from must be an E.164 number such as +15125550100, not “${values.from}”.`);
  return { ...values, url: values.url.replace(/\/+$/, ""), text };
}

const demoNetwork = () => NETWORKS[DEMO.tenant.slug];

/** Meta's way: X-Hub-Signature-256 = sha256=HMAC-SHA256(app secret, raw body). */
export function whatsappRequest({ from, to, name, text, url }) {
  const secret = readDevVars().WHATSAPP_APP_SECRET;
  if (!secret) throw new Error("No WHATSAPP_APP_SECRET in .dev.vars: run `npm start` once, which creates it.");
  const id = `wamid.sim-${randomUUID()}`;
  const body = JSON.stringify(
    metaTextWebhook({
      phoneNumberId: to ?? demoNetwork().whatsapp.phoneNumberId,
      displayNumber: demoNetwork().whatsapp.displayNumber,
      from: from.slice(1),
      name,
      text,
      id,
      timestamp: Date.now(),
    }),
  );
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  return {
    endpoint: `${url}/webhooks/whatsapp`,
    init: { method: "POST", headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature }, body },
    contact: from.slice(1),
  };
}

/** Twilio's way: base64(HMAC-SHA1(auth token, URL + sorted name/value pairs)). */
export function smsRequest({ from, to, text, url }) {
  const token = readDevVars().TWILIO_AUTH_TOKEN;
  if (!token) throw new Error("No TWILIO_AUTH_TOKEN in .dev.vars: run `npm start` once, which creates it.");
  const endpoint = `${url}/webhooks/twilio/sms`;
  const params = twilioSmsParams({
    accountSid: readDevVars().TWILIO_ACCOUNT_SID || "AC00000000000000000000000000000000",
    from,
    to: to ?? demoNetwork().sms.number,
    text,
    sid: `SM${randomUUID().replace(/-/g, "")}`,
  });
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], endpoint);
  const signature = createHmac("sha1", token).update(data).digest("base64");
  return {
    endpoint,
    init: {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
      body: new URLSearchParams(params).toString(),
    },
    contact: from,
  };
}

/** Posts the signed webhook, then prints each reply as it reaches the outbox, until it goes quiet. */
export async function simulate(channel, options, request) {
  const session = await login(options);
  const before = await outbound(options.url, session, request.contact);
  const response = await fetch(request.endpoint, request.init).catch((err) => {
    throw new Error(`Cannot reach ${options.url} (${err.cause?.code ?? err.message}). Is \`npm start\` running?`);
  });
  if (!response.ok) throw new Error(`The webhook answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  console.log(`→ ${channel} from ${options.from}: ${options.text}`);
  const seen = new Set(before.map((m) => m.id));
  let lastNews = Date.now();
  const started = Date.now();
  while (Date.now() - lastNews < QUIET_MS && Date.now() - started < TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const message of await outbound(options.url, session, request.contact)) {
      if (seen.has(message.id)) continue;
      // Printed once delivered (or simulated, or failed), with the status it ended in.
      if (message.status === "queued" || message.status === "retrying") {
        lastNews = Date.now();
        continue;
      }
      seen.add(message.id);
      lastNews = Date.now();
      const tag = message.simulated ? "simulated" : message.status;
      console.log(`← [${tag}${message.author === "ai" ? "" : `, ${message.author}`}] ${message.body.replace(/\n/g, "\n  ")}`);
    }
  }
  if (seen.size === before.length) console.log("(no reply yet: a person may have taken over this conversation, or the contact opted out)");
}

async function login({ url, email, password }) {
  const owner = DEMO.users.find((u) => u.role === "owner");
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email: email ?? owner.email, password: password ?? DEMO_PASSWORD }),
  }).catch((err) => {
    throw new Error(`Cannot reach ${url} (${err.cause?.code ?? err.message}). Is \`npm start\` running?`);
  });
  if (!response.ok)
    throw new Error(`Login failed (HTTP ${response.status}); pass --email and --password for a workspace other than the demo.`);
  return (await response.json()).accessToken;
}

async function outbound(url, token, contact) {
  const headers = { Authorization: `Bearer ${token}` };
  const list = await (await fetch(`${url}/api/v1/conversations?contact=${encodeURIComponent(contact)}`, { headers })).json();
  if (!list.items?.length) return [];
  const thread = await (await fetch(`${url}/api/v1/conversations/${list.items[0].id}`, { headers })).json();
  return thread.messages.filter((m) => m.direction === "out");
}

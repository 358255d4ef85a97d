// npm run simulate:call -- --gather [--from +15125550100] [--to +1…] [--url http://localhost:8787] ["line" …]
// Plays a scripted phone call through the TwiML Gather path: the voice webhook signed exactly as
// Twilio signs it (X-Twilio-Signature with the auth token from .dev.vars), each caller line as
// a Gather's SpeechResult, then the status callback. Prints every <Say> the agent answers with.
// (The Media Streams mode — /voice/stream with audio — is not built yet.)
import { createHmac, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { main } from "./lib/toolchain.mjs";
import { readDevVars } from "./lib/dev-vars.mjs";
import { DEMO } from "./lib/accounts.mjs";
import { NETWORKS } from "./lib/network.mjs";

const SCRIPT = ["Water is pouring through my kitchen ceiling", "14 Barton Skyway, Austin 78704", "Maria Garcia", "The first one"];

const decode = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** base64(HMAC-SHA1(auth token, URL + each parameter sorted by name, name then value)), as Twilio computes it. */
function signed(token, endpoint, params) {
  const data = Object.keys(params).sort().reduce((acc, key) => acc + key + params[key], endpoint);
  return { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": createHmac("sha1", token).update(data).digest("base64") }, body: new URLSearchParams(params).toString() };
}

main(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { gather: { type: "boolean", default: false }, from: { type: "string", default: "+15125550100" }, to: { type: "string" }, url: { type: "string", default: process.env.BASE_URL || "http://localhost:8787" } } });
  if (!values.gather) throw new Error("Only the Gather mode exists so far: npm run simulate:call -- --gather");
  const token = readDevVars().TWILIO_AUTH_TOKEN;
  if (!token) throw new Error("No TWILIO_AUTH_TOKEN in .dev.vars: run `npm start` once, which creates it.");
  const base = values.url.replace(/\/+$/, "");
  const to = values.to ?? NETWORKS[DEMO.tenant.slug].sms.number;
  const call = { AccountSid: readDevVars().TWILIO_ACCOUNT_SID || "AC00000000000000000000000000000000", CallSid: `CA${randomUUID().replace(/-/g, "")}`, From: values.from, To: to, Direction: "inbound", CallStatus: "in-progress" };
  const started = Date.now();

  async function post(endpoint, params) {
    const response = await fetch(endpoint, signed(token, endpoint, params)).catch((err) => {
      throw new Error(`Cannot reach ${base} (${err.cause?.code ?? err.message}). Is \`npm start\` running?`);
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${endpoint} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
    return text;
  }
  /** Prints the turn's <Say>s (those in the Gather; the silence reprompt after it is skipped) and returns where to post next. */
  function show(twiml) {
    const gather = /<Gather\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/Gather>/.exec(twiml);
    for (const [, said] of (gather ? gather[2] : twiml).matchAll(/<Say\b[^>]*>([\s\S]*?)<\/Say>/g)) console.log(`← ${decode(said)}`);
    const dial = /<Dial>([^<]*)<\/Dial>/.exec(twiml);
    if (dial) console.log(`(transferred to ${decode(dial[1])})`);
    return gather ? decode(gather[1]) : null;
  }

  console.log(`☎ ${values.from} calls ${to}`);
  let action = show(await post(`${base}/webhooks/twilio/voice`, call));
  for (const line of positionals.length ? positionals : SCRIPT) {
    if (!action) break;
    console.log(`→ ${line}`);
    action = show(await post(action, { ...call, SpeechResult: line, Confidence: "0.93" }));
  }
  const seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
  await post(`${base}/webhooks/twilio/voice/status`, { ...call, CallStatus: "completed", CallDuration: String(seconds) });
  console.log(`☎ call ended (${seconds} s)`);
});

import { listen, reply } from "./http";

export interface RecordedSms {
  accountSid: string;
  idempotencyToken: string | undefined;
  params: Record<string, string>;
}

/**
 * A contract fake of Twilio's Messages API on loopback: POST /2010-04-01/Accounts/{sid}/Messages.json,
 * form-encoded, Basic auth of that account, To/From/Body required, I-Twilio-Idempotency-Token
 * replayed. +15550021610 has replied STOP (error 21610).
 */
export function startTwilioFake() {
  const sent: RecordedSms[] = [];
  const byToken = new Map<string, string>();
  return listen((req, raw, res) => {
    if (req.method === "GET" && req.url === "/__sent") return reply(res, 200, sent);
    const match = req.url?.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/);
    if (req.method !== "POST" || !match) return reply(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
    const [user] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString().split(":");
    if (user !== match[1]) return reply(res, 401, { code: 20003, message: "Authenticate", status: 401 });
    const params = Object.fromEntries(new URLSearchParams(raw));
    if (!params.To || !params.From || !params.Body) return reply(res, 400, { code: 21604, message: "A 'To', 'From' and 'Body' are required", status: 400 });
    if (params.To === "+15550021610") return reply(res, 400, { code: 21610, message: "Attempt to send to unsubscribed recipient", status: 400 });
    const token = req.headers["i-twilio-idempotency-token"] as string | undefined;
    const known = token && byToken.get(token);
    if (known) return reply(res, 201, { sid: known, status: "queued" });
    const sid = `SM${crypto.randomUUID().replace(/-/g, "")}`;
    if (token) byToken.set(token, sid);
    sent.push({ accountSid: match[1]!, idempotencyToken: token, params });
    reply(res, 201, { sid, status: "queued", to: params.To, from: params.From, body: params.Body });
  });
}

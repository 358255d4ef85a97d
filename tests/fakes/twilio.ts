import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, reply } from "./http.ts";

export interface RecordedCallUpdate {
  callSid: string;
  params: Record<string, string>;
}

export interface RecordedSms {
  accountSid: string;
  idempotencyToken: string | undefined;
  params: Record<string, string>;
}

/**
 * A contract fake of Twilio's Messages API on loopback: POST /2010-04-01/Accounts/{sid}/Messages.json,
 * form-encoded, Basic auth of that account, To/From/Body required, I-Twilio-Idempotency-Token
 * replayed. +15550021610 has replied STOP (error 21610). Live calls are updated through the
 * Calls resource below; MMS media and call recordings are served by the media resource.
 */
export function startTwilioFake(port = 0, authToken = "test-twilio-auth-token") {
  const sent: RecordedSms[] = [];
  const byToken = new Map<string, string>();
  const calls = callsResource(authToken);
  const media = mediaResource(authToken);
  return listen((req, raw, res) => {
    if (req.method === "GET" && req.url === "/__sent") return reply(res, 200, sent);
    if (calls.handle(req, raw, res)) return;
    if (media.handle(req, raw, res)) return;
    const match = req.url?.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/);
    if (req.method !== "POST" || !match)
      return reply(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
    const [user] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
      .toString()
      .split(":");
    if (user !== match[1]) return reply(res, 401, { code: 20003, message: "Authenticate", status: 401 });
    const params = Object.fromEntries(new URLSearchParams(raw));
    if (!params.To || !params.From || !params.Body)
      return reply(res, 400, { code: 21604, message: "A 'To', 'From' and 'Body' are required", status: 400 });
    if (params.To === "+15550021610")
      return reply(res, 400, { code: 21610, message: "Attempt to send to unsubscribed recipient", status: 400 });
    const token = req.headers["i-twilio-idempotency-token"] as string | undefined;
    const known = token && byToken.get(token);
    if (known) return reply(res, 201, { sid: known, status: "queued" });
    const sid = `SM${crypto.randomUUID().replace(/-/g, "")}`;
    if (token) byToken.set(token, sid);
    sent.push({ accountSid: match[1]!, idempotencyToken: token, params });
    reply(res, 201, { sid, status: "queued", to: params.To, from: params.From, body: params.Body });
  }, port);
}

/**
 * Calls update (POST /2010-04-01/Accounts/{sid}/Calls/{CallSid}.json): Basic auth of that account
 * with its auth token, exactly one of Twiml, Url or Status=completed|canceled. A call that was
 * hung up cannot be redirected (21220). GET /__calls?callSid= shows the updates that arrived.
 */
function callsResource(authToken: string) {
  const updates: RecordedCallUpdate[] = [];
  const ended = new Set<string>();
  const handle = (req: IncomingMessage, raw: string, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "GET" && url.pathname === "/__calls") {
      reply(
        res,
        200,
        updates.filter((u) => !url.searchParams.get("callSid") || u.callSid === url.searchParams.get("callSid")),
      );
      return true;
    }
    const match = url.pathname.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/Calls\/([^/]+)\.json$/);
    if (!match) return false;
    const [user, password] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
      .toString()
      .split(":");
    if (user !== match[1] || password !== authToken) reply(res, 401, { code: 20003, message: "Authenticate", status: 401 });
    else if (req.method !== "POST" || !/^CA[0-9a-f]{32}$/.test(match[2]!))
      reply(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
    else {
      const callSid = match[2]!;
      const params = Object.fromEntries(new URLSearchParams(raw));
      const actions = ["Twiml", "Url", "Status"].filter((name) => params[name]);
      if (actions.length !== 1 || (params.Status && !["completed", "canceled"].includes(params.Status)))
        reply(res, 400, { code: 21205, message: "Exactly one of Twiml, Url or Status (completed, canceled) is required", status: 400 });
      else if (ended.has(callSid)) reply(res, 400, { code: 21220, message: "Call is not in-progress. Cannot redirect.", status: 400 });
      else {
        if (params.Status) ended.add(callSid);
        updates.push({ callSid, params });
        reply(res, 200, { sid: callSid, account_sid: match[1], status: params.Status ?? "in-progress" });
      }
    }
    return true;
  };
  return { handle };
}

/**
 * Files Twilio serves to the account (MMS media under /Messages/{MM}/Media/{ME}, recordings under
 * /Recordings/{RE}): Basic auth of the account in the path. Tests put a file with POST /__media
 * `{ path, contentType, base64 }` (as Twilio would have it after a message or a call).
 */
function mediaResource(authToken: string) {
  const files = new Map<string, { contentType: string; bytes: Buffer }>();
  const handle = (req: IncomingMessage, raw: string, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "POST" && url.pathname === "/__media") {
      const file = JSON.parse(raw) as { path: string; contentType: string; base64: string };
      files.set(file.path, { contentType: file.contentType, bytes: Buffer.from(file.base64, "base64") });
      reply(res, 200, { ok: true });
      return true;
    }
    const match = url.pathname.match(/^\/2010-04-01\/Accounts\/(AC\w+)\/(?:Messages\/MM\w+\/Media\/ME\w+|Recordings\/RE\w+(?:\.wav)?)$/);
    if (!match || req.method !== "GET") return false;
    const [user, password] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
      .toString()
      .split(":");
    const file = files.get(url.pathname);
    if (user !== match[1] || password !== authToken) reply(res, 401, { code: 20003, message: "Authenticate", status: 401 });
    else if (!file) reply(res, 404, { code: 20404, message: "The requested resource was not found", status: 404 });
    else {
      res.writeHead(200, { "Content-Type": file.contentType, "Content-Length": file.bytes.length });
      res.end(file.bytes);
    }
    return true;
  };
  return { handle };
}

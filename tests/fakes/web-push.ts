import { createECDH, createPublicKey, createDecipheriv, hkdfSync, randomBytes, verify } from "node:crypto";
import { createServer, type Server } from "node:http";

/** A subscription the fake issued: the browser's key pair and auth secret, as a user agent holds them. */
interface FakeSubscription {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  gone: boolean;
  received: { payload: unknown; vapidKey: string; ttl: string | undefined; urgency: string | undefined }[];
}

const b64url = (buf: Buffer) => buf.toString("base64url");
const unb64url = (text: string) => Buffer.from(text, "base64url");

/** RFC 8292: the JWT is ES256 over the key in k=, names this service as audience, and expires within 24 hours. */
function checkVapid(authorization: string | undefined, origin: string): { ok: true; key: string } | { ok: false; why: string } {
  const match = authorization?.match(/^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/);
  if (!match) return { ok: false, why: "Authorization is not `vapid t=<jwt>, k=<key>`" };
  const [head, claims, signature] = match[1]!.split(".") as [string, string, string];
  const header = JSON.parse(unb64url(head).toString());
  if (header.alg !== "ES256") return { ok: false, why: `alg ${header.alg}` };
  const raw = unb64url(match[2]!);
  if (raw.length !== 65 || raw[0] !== 4) return { ok: false, why: "k is not an uncompressed P-256 key" };
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33)) },
    format: "jwk",
  });
  const signed = verify("sha256", Buffer.from(`${head}.${claims}`), { key, dsaEncoding: "ieee-p1363" }, unb64url(signature));
  if (!signed) return { ok: false, why: "bad signature" };
  const body = JSON.parse(unb64url(claims).toString());
  const now = Date.now() / 1000;
  if (body.aud !== origin) return { ok: false, why: `aud ${body.aud} is not ${origin}` };
  if (typeof body.exp !== "number" || body.exp <= now || body.exp > now + 86_400) return { ok: false, why: "exp not within 24 hours" };
  if (typeof body.sub !== "string" || !/^(mailto:|https:)/.test(body.sub)) return { ok: false, why: "sub is not mailto: or https:" };
  return { ok: true, key: match[2]! };
}

/** RFC 8291 / RFC 8188 decryption as a browser does it, with Node's own ECDH, HKDF and AES-GCM. */
function decrypt(body: Buffer, sub: FakeSubscription): Buffer {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const asPublic = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  if (idLength !== 65 || record.length > recordSize) throw new Error("bad aes128gcm header");
  const uaPublic = sub.ecdh.getPublicKey();
  const secret = sub.ecdh.computeSecret(asPublic);
  const ikm = Buffer.from(hkdfSync("sha256", secret, sub.auth, Buffer.concat([Buffer.from("WebPush: info\0"), uaPublic, asPublic]), 32));
  const cek = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("missing last-record delimiter");
  return padded.subarray(0, end);
}

/**
 * A contract fake of a Web Push service (RFC 8030) on loopback. POST /__subscriptions issues a
 * browser-side subscription ({ gone: true } for one the service has dropped); POST /push/:id
 * checks the VAPID JWT and decrypts the message, answering 201 like FCM and Mozilla do, 401 on
 * a bad JWT, 400 when it cannot decrypt, 410 for a dropped subscription; GET /__received/:id
 * lists what arrived, GET /__rejected what was refused and why.
 */
export function startWebPushFake(port = 0): Promise<{ server: Server; url: string }> {
  const subscriptions = new Map<string, FakeSubscription>();
  const rejected: { id: string; status: number; why: string }[] = [];
  let origin = "";
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const reply = (status: number, body?: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(body === undefined ? "" : JSON.stringify(body));
      };
      const body = Buffer.concat(chunks);
      if (req.method === "POST" && req.url === "/__subscriptions") {
        const id = randomBytes(8).toString("hex");
        const ecdh = createECDH("prime256v1");
        ecdh.generateKeys();
        const sub: FakeSubscription = {
          ecdh,
          auth: randomBytes(16),
          gone: body.length ? JSON.parse(body.toString()).gone === true : false,
          received: [],
        };
        subscriptions.set(id, sub);
        return reply(201, {
          endpoint: `${origin}/push/${id}`,
          expirationTime: null,
          keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(sub.auth) },
        });
      }
      if (req.method === "GET" && req.url?.startsWith("/__received/"))
        return reply(200, subscriptions.get(req.url.slice(12))?.received ?? []);
      if (req.method === "GET" && req.url === "/__rejected") return reply(200, rejected);
      const push = req.method === "POST" && req.url?.match(/^\/push\/([0-9a-f]+)$/);
      if (!push) return reply(404, { reason: "not found" });
      const id = push[1]!;
      const sub = subscriptions.get(id);
      const refuse = (status: number, why: string) => {
        rejected.push({ id, status, why });
        reply(status, { reason: why });
      };
      if (!sub) return refuse(404, "no such subscription");
      if (sub.gone) return refuse(410, "subscription expired");
      const vapid = checkVapid(req.headers.authorization, origin);
      if (!vapid.ok) return refuse(401, vapid.why);
      if (req.headers["content-encoding"] !== "aes128gcm") return refuse(415, "Content-Encoding must be aes128gcm");
      if (!req.headers.ttl) return refuse(400, "TTL header missing");
      try {
        const payload = JSON.parse(decrypt(body, sub).toString("utf8"));
        sub.received.push({
          payload,
          vapidKey: vapid.key,
          ttl: req.headers.ttl as string,
          urgency: req.headers.urgency as string | undefined,
        });
      } catch (err) {
        return refuse(400, `cannot decrypt: ${err instanceof Error ? err.message : String(err)}`);
      }
      res.writeHead(201, { Location: `${origin}/message/${randomBytes(6).toString("hex")}` });
      res.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () => {
      origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      resolve({ server, url: origin });
    }),
  );
}

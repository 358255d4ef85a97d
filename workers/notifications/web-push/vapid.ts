import { base64url, fromBase64url } from "../../lib/ids";

export interface VapidKeys {
  /** Uncompressed P-256 public key (65 bytes), base64url: the applicationServerKey browsers subscribe with. */
  publicKey: string;
  /** The private scalar d (32 bytes), base64url. */
  privateKey: string;
}

const TWELVE_HOURS = 12 * 3600;
const json64 = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

export function vapidSigningKey(keys: VapidKeys): Promise<CryptoKey> {
  const raw = fromBase64url(keys.publicKey);
  if (raw.length !== 65 || raw[0] !== 4) throw new Error("VAPID_PUBLIC_KEY is not an uncompressed P-256 point");
  const jwk = { kty: "EC", crv: "P-256", x: base64url(raw.slice(1, 33)), y: base64url(raw.slice(33)), d: keys.privateKey };
  return crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["sign"]);
}

/**
 * RFC 8292: the Authorization header for one push service — a JWT (ES256) whose audience is
 * the endpoint's origin, valid twelve hours, naming who to contact; plus the public key.
 */
export async function vapidAuthorization(endpoint: string, keys: VapidKeys, subject: string, now = Date.now()): Promise<string> {
  const unsigned = `${json64({ typ: "JWT", alg: "ES256" })}.${json64({
    aud: new URL(endpoint).origin,
    exp: Math.floor(now / 1000) + TWELVE_HOURS,
    sub: subject,
  })}`;
  // WebCrypto's ECDSA signature is r || s (IEEE P1363), which is what JWS ES256 wants.
  const signature = await crypto.subtle.sign(
    { name: "ECDSA", hash: "SHA-256" },
    await vapidSigningKey(keys),
    new TextEncoder().encode(unsigned),
  );
  return `vapid t=${unsigned}.${base64url(new Uint8Array(signature))}, k=${keys.publicKey}`;
}

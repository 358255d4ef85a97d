import { fromBase64url } from "../../lib/ids";

/** The browser's half of a subscription: its P-256 public key (65 bytes) and 16-byte auth secret, base64url. */
export interface SubscriptionKeys {
  p256dh: string;
  auth: string;
}

export class InvalidSubscriptionKeys extends Error {}

const RECORD_SIZE = 4096;
// One record holds the payload, its delimiter and the 16-byte tag.
export const MAX_PAYLOAD_BYTES = RECORD_SIZE - 17;
const text = (s: string) => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

async function hmac(key: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, data));
}

/** HKDF-Expand for one block (every length here is ≤ 32): T(1) = HMAC(PRK, info || 0x01). */
const expand = async (prk: Uint8Array<ArrayBuffer>, info: Uint8Array, length: number) =>
  (await hmac(prk, concat(info, new Uint8Array([1])))).slice(0, length);

export function decodeSubscriptionKeys(keys: SubscriptionKeys): { uaPublic: Uint8Array<ArrayBuffer>; authSecret: Uint8Array<ArrayBuffer> } {
  let uaPublic: Uint8Array<ArrayBuffer>;
  let authSecret: Uint8Array<ArrayBuffer>;
  try {
    uaPublic = fromBase64url(keys.p256dh);
    authSecret = fromBase64url(keys.auth);
  } catch {
    throw new InvalidSubscriptionKeys("The subscription keys are not base64url.");
  }
  if (uaPublic.length !== 65 || uaPublic[0] !== 4)
    throw new InvalidSubscriptionKeys("The subscription's p256dh key must be an uncompressed P-256 point (65 bytes).");
  if (authSecret.length !== 16) throw new InvalidSubscriptionKeys("The subscription's auth secret must be 16 bytes.");
  return { uaPublic, authSecret };
}

/**
 * RFC 8291 message encryption in the RFC 8188 aes128gcm coding, as one record: an ephemeral
 * ECDH P-256 key agreed with the browser's key, mixed with its auth secret through HKDF. The
 * sender key and salt are fresh per message; tests pin them to reproduce RFC 8291 appendix A.
 */
export async function encryptPayload(
  plaintext: Uint8Array,
  keys: SubscriptionKeys,
  pinned: { sender?: CryptoKeyPair; salt?: Uint8Array<ArrayBuffer> } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  if (plaintext.length > MAX_PAYLOAD_BYTES) throw new Error(`push payload over ${MAX_PAYLOAD_BYTES} bytes`);
  const { uaPublic, authSecret } = decodeSubscriptionKeys(keys);
  const sender =
    pinned.sender ?? ((await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"])) as CryptoKeyPair);
  const salt = pinned.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const asPublic = new Uint8Array((await crypto.subtle.exportKey("raw", sender.publicKey)) as ArrayBuffer);
  const browserKey = await crypto.subtle.importKey("raw", uaPublic, { name: "ECDH", namedCurve: "P-256" }, false, []);
  // The runtime reads `public` (WebCrypto's name); workers-types spell it `$public`.
  const agreement = { name: "ECDH", public: browserKey } as unknown as SubtleCryptoDeriveKeyAlgorithm;
  const ecdhSecret = new Uint8Array(await crypto.subtle.deriveBits(agreement, sender.privateKey, 256));

  const prkKey = await hmac(authSecret, ecdhSecret);
  const ikm = await expand(prkKey, concat(text("WebPush: info\0"), uaPublic, asPublic), 32);
  const prk = await hmac(salt, ikm);
  const cek = await expand(prk, text("Content-Encoding: aes128gcm\0"), 16);
  const nonce = await expand(prk, text("Content-Encoding: nonce\0"), 12);

  const aes = await crypto.subtle.importKey("raw", cek, "AES-GCM", false, ["encrypt"]);
  // 0x02: the last (and only) record's delimiter, no further padding.
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce }, aes, concat(plaintext, new Uint8Array([2]))),
  );
  const header = new Uint8Array(21);
  header.set(salt, 0);
  new DataView(header.buffer).setUint32(16, RECORD_SIZE);
  header[20] = asPublic.length;
  return concat(header, asPublic, ciphertext);
}

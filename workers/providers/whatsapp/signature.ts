const encoder = new TextEncoder();
const HEX = /^[0-9a-f]{64}$/;

// One imported key per app secret: importing costs more than the HMAC of a webhook body.
const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= 8) keys.clear(); // a rotated secret, not a growing set
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
    keys.set(secret, key);
  }
  return key;
}

/**
 * Meta's X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256(app secret, raw body bytes).
 * Checked over the bytes as received, before any parsing, by WebCrypto's verify (constant time).
 */
export async function verifyMetaSignature(appSecret: string, rawBody: ArrayBuffer, header: string | undefined | null): Promise<boolean> {
  const hex = header?.startsWith("sha256=") ? header.slice(7).toLowerCase() : "";
  if (!HEX.test(hex)) return false;
  const mac = new Uint8Array(32);
  for (let i = 0; i < 32; i++) mac[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return crypto.subtle.verify("HMAC", await hmacKey(appSecret), mac, rawBody);
}

export async function signMetaBody(appSecret: string, rawBody: ArrayBuffer | string): Promise<string> {
  const data = typeof rawBody === "string" ? encoder.encode(rawBody) : rawBody;
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(appSecret), data));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

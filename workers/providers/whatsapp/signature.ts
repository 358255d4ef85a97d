import { timingSafeEqualText } from "../../lib/timing-safe";

const encoder = new TextEncoder();

/**
 * Meta's X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256(app secret, raw body bytes).
 * Checked over the bytes as received, before any parsing, in constant time.
 */
export async function verifyMetaSignature(appSecret: string, rawBody: ArrayBuffer, header: string | undefined | null): Promise<boolean> {
  if (!header?.startsWith("sha256=")) return false;
  const expected = await hmacSha256Hex(appSecret, rawBody);
  return timingSafeEqualText(expected, header.slice(7).toLowerCase());
}

export async function signMetaBody(appSecret: string, rawBody: ArrayBuffer | string): Promise<string> {
  return `sha256=${await hmacSha256Hex(appSecret, typeof rawBody === "string" ? encoder.encode(rawBody) : rawBody)}`;
}

async function hmacSha256Hex(secret: string, data: ArrayBuffer | Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, data));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

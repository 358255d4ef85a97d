import type { Env } from "../env";
import { timingSafeEqualText } from "./timing-safe";

const encoder = new TextEncoder();
const MEDIA_PATH = "/api/v1/media/";

async function mac(env: Env, key: string, expiresAt: number): Promise<string> {
  const hmacKey = await crypto.subtle.importKey(
    "raw",
    encoder.encode(`media:${env.JWT_SECRET}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, encoder.encode(`${key}\n${expiresAt}`)));
  return btoa(String.fromCharCode(...sig))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/**
 * A short-lived URL for one private R2 object (a call recording, an aerial image): the browser
 * can put it in <audio>/<img>, where no Authorization header goes. The signature binds key and expiry.
 */
export async function signedMediaUrl(env: Env, key: string, ttlSeconds = 600, now = Date.now()): Promise<string> {
  const expiresAt = Math.floor(now / 1000) + ttlSeconds;
  const path = key.split("/").map(encodeURIComponent).join("/");
  return `${MEDIA_PATH}${path}?exp=${expiresAt}&sig=${await mac(env, key, expiresAt)}`;
}

/** True when `sig` was made for this key and has not expired. */
export async function verifyMediaSignature(
  env: Env,
  key: string,
  exp: string | undefined,
  sig: string | undefined,
  now = Date.now(),
): Promise<boolean> {
  const expiresAt = Number(exp);
  if (!sig || !Number.isInteger(expiresAt) || expiresAt * 1000 < now) return false;
  return timingSafeEqualText(await mac(env, key, expiresAt), sig);
}

import type { Env } from "../env";
import { base64url } from "../lib/ids";
import { timingSafeEqualText } from "../lib/timing-safe";

const encoder = new TextEncoder();

/**
 * The per-call token the voice webhook puts in the Stream's <Parameter>s: HMAC-SHA256 of the
 * call id under a key derived from JWT_SECRET, so only a stream we answered for can start a call.
 */
export async function streamToken(env: Env, callId: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(`voice-stream:${env.JWT_SECRET}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(callId))));
}

export async function verifyStreamToken(env: Env, callId: string, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  return timingSafeEqualText(await streamToken(env, callId), token);
}

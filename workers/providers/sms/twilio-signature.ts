import { timingSafeEqualText } from "../../lib/timing-safe";

const encoder = new TextEncoder();

/**
 * Twilio's X-Twilio-Signature: base64(HMAC-SHA1(auth token, URL + each POST parameter sorted
 * by name, name then value)). Like Twilio's own library, the URL is tried as given and with
 * its default port added or removed, since a proxy may report either form.
 */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  header: string | undefined | null,
): Promise<boolean> {
  if (!header) return false;
  for (const candidate of urlVariants(url)) {
    if (timingSafeEqualText(await twilioSignature(authToken, candidate, params), header)) return true;
  }
  return false;
}

export async function twilioSignature(authToken: string, url: string, params: Record<string, string>): Promise<string> {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  const key = await crypto.subtle.importKey("raw", encoder.encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)));
  let binary = "";
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function urlVariants(url: string): string[] {
  const parsed = new URL(url);
  const defaultPort = parsed.protocol === "https:" || parsed.protocol === "wss:" ? "443" : "80";
  // URL drops a default port on its own, so the "with port" form is built by hand.
  const withoutPort = parsed.toString();
  const withPort = parsed.port ? withoutPort : withoutPort.replace(parsed.host, `${parsed.hostname}:${defaultPort}`);
  return [...new Set([url, withoutPort, withPort])];
}

import { describe, expect, it } from "vitest";
import { base64url, fromBase64url } from "../../lib/ids";
import { vapidAuthorization } from "./vapid";

async function freshKeys() {
  const pair = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  const publicKey = base64url(new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer));
  return { keys: { publicKey, privateKey: jwk.d! }, verifyKey: pair.publicKey };
}

describe("vapidAuthorization (RFC 8292)", () => {
  it("signs a JWT for the push service's origin that the public key verifies", async () => {
    const { keys, verifyKey } = await freshKeys();
    const now = Date.UTC(2026, 11, 3, 12);
    const header = await vapidAuthorization("https://push.example.net/wpush/v2/abc?x=1", keys, "mailto:alerts@homeline.test", now);
    const match = header.match(/^vapid t=([^,]+), k=(.+)$/);
    expect(match?.[2]).toBe(keys.publicKey);
    const [head, claims, signature] = match![1]!.split(".");
    expect(JSON.parse(new TextDecoder().decode(fromBase64url(head!)))).toEqual({ typ: "JWT", alg: "ES256" });
    expect(JSON.parse(new TextDecoder().decode(fromBase64url(claims!)))).toEqual({
      aud: "https://push.example.net",
      exp: now / 1000 + 12 * 3600,
      sub: "mailto:alerts@homeline.test",
    });
    const ok = await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      verifyKey,
      fromBase64url(signature!),
      new TextEncoder().encode(`${head}.${claims}`),
    );
    expect(ok).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { base64url, fromBase64url } from "../../lib/ids";
import { encryptPayload, InvalidSubscriptionKeys } from "./encrypt";

// RFC 8291 section 5 and appendix A, byte for byte.
const RFC = {
  plaintext: "When I grow up, I want to be a watermelon",
  uaPublic: "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4",
  authSecret: "BTBZMqHH6r4Tts7J_aSIgg",
  asPrivate: "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
  asPublic: "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
  salt: "DGv6ra1nlYgDCS1FRnbzlw",
  header: "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
  ciphertext: "8pfeW0KbunFT06SuDKoJH9Ql87S1QUrdirN6GcG7sFz1y1sqLgVi1VhjVkHsUoEsbI_0LpXMuGvnzQ",
  body: "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN",
};

async function rfcSender(): Promise<CryptoKeyPair> {
  const pub = fromBase64url(RFC.asPublic);
  const jwk = { kty: "EC", crv: "P-256", x: base64url(pub.slice(1, 33)), y: base64url(pub.slice(33)), d: RFC.asPrivate };
  return {
    privateKey: await crypto.subtle.importKey("jwk", jwk, { name: "ECDH", namedCurve: "P-256" }, false, ["deriveBits"]),
    publicKey: await crypto.subtle.importKey("raw", pub, { name: "ECDH", namedCurve: "P-256" }, true, []),
  };
}

describe("encryptPayload (RFC 8291)", () => {
  it("reproduces the RFC 8291 appendix A message exactly", async () => {
    const body = await encryptPayload(
      new TextEncoder().encode(RFC.plaintext),
      { p256dh: RFC.uaPublic, auth: RFC.authSecret },
      { sender: await rfcSender(), salt: fromBase64url(RFC.salt) },
    );
    expect(base64url(body.slice(0, 86))).toBe(RFC.header);
    expect(base64url(body.slice(86))).toBe(RFC.ciphertext);
    expect(base64url(body)).toBe(RFC.body);
  });

  it("uses a fresh sender key and salt for every message", async () => {
    const keys = { p256dh: RFC.uaPublic, auth: RFC.authSecret };
    const a = await encryptPayload(new TextEncoder().encode("same"), keys);
    const b = await encryptPayload(new TextEncoder().encode("same"), keys);
    expect(base64url(a.slice(0, 16))).not.toBe(base64url(b.slice(0, 16)));
    expect(base64url(a.slice(21, 86))).not.toBe(base64url(b.slice(21, 86)));
  });

  it("refuses keys that are not a P-256 point and a 16-byte secret", async () => {
    const plain = new TextEncoder().encode("x");
    await expect(encryptPayload(plain, { p256dh: "AAAA", auth: RFC.authSecret })).rejects.toBeInstanceOf(InvalidSubscriptionKeys);
    await expect(encryptPayload(plain, { p256dh: RFC.uaPublic, auth: "AAAA" })).rejects.toThrow(/16 bytes/);
  });
});

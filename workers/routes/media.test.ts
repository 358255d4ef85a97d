import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signedMediaUrl } from "../lib/signed-url";

const KEY = "recordings/t_test/call 1.wav";
const BYTES = new Uint8Array(Array.from({ length: 1000 }, (_, i) => i % 256));

describe("signed media URLs", () => {
  it("serves the object with a valid signature, and byte ranges for seeking", async () => {
    await env.MEDIA.put(KEY, BYTES, { httpMetadata: { contentType: "audio/wav" } });
    const url = await signedMediaUrl(env, KEY);
    const whole = await exports.default.fetch(`http://localhost${url}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("Content-Type")).toBe("audio/wav");
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(BYTES);
    const part = await exports.default.fetch(`http://localhost${url}`, { headers: { Range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("Content-Range")).toBe("bytes 100-199/1000");
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(BYTES.slice(100, 200));
  });

  it("refuses a tampered key, a forged signature and an expired link with 403", async () => {
    const url = await signedMediaUrl(env, KEY);
    const other = url.replace("call%201.wav", "call%202.wav");
    expect((await exports.default.fetch(`http://localhost${other}`)).status).toBe(403);
    expect((await exports.default.fetch(`http://localhost${url.replace(/sig=[^&]+/, "sig=AAAA")}`)).status).toBe(403);
    const expired = await signedMediaUrl(env, KEY, 60, Date.now() - 3_600_000);
    const res = await exports.default.fetch(`http://localhost${expired}`);
    expect(res.status).toBe(403);
    expect(res.headers.get("Content-Type")).toContain("application/problem+json");
  });
});

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

  it("answers 416 with the size to reversed, past-the-end and empty ranges, and ignores ranges it does not serve", async () => {
    await env.MEDIA.put(KEY, BYTES, { httpMetadata: { contentType: "audio/wav" } });
    const url = `http://localhost${await signedMediaUrl(env, KEY)}`;
    for (const range of ["bytes=200-100", "bytes=1000-", "bytes=5000-6000", "bytes=-0"]) {
      const res = await exports.default.fetch(url, { headers: { Range: range } });
      expect(res.status, range).toBe(416);
      expect(res.headers.get("Content-Range"), range).toBe("bytes */1000");
      expect(res.headers.get("Content-Type"), range).toContain("application/problem+json");
    }
    const clamped = await exports.default.fetch(url, { headers: { Range: "bytes=990-5000" } });
    expect(clamped.status).toBe(206);
    expect(clamped.headers.get("Content-Range")).toBe("bytes 990-999/1000");
    expect(new Uint8Array(await clamped.arrayBuffer())).toEqual(BYTES.slice(990));
    const suffix = await exports.default.fetch(url, { headers: { Range: "bytes=-10" } });
    expect(suffix.headers.get("Content-Range")).toBe("bytes 990-999/1000");
    for (const range of ["bytes=0-1,5-6", "items=0-1", "bytes=a-b"]) {
      const res = await exports.default.fetch(url, { headers: { Range: range } });
      expect(res.status, range).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(1000);
    }
  });

  it("answers 404 problems to malformed percent-encoding and keys no signed URL names", async () => {
    const url = await signedMediaUrl(env, KEY);
    const query = url.slice(url.indexOf("?"));
    for (const path of ["recordings/%E0%A4%A/x.wav", "recordings/%zz", "%", "recordings//x.wav", "recordings/%2E%2E%2Fsecret", "a/%00b"]) {
      const res = await exports.default.fetch(`http://localhost/api/v1/media/${path}${query}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("Content-Type"), path).toContain("application/problem+json");
    }
    const missing = await signedMediaUrl(env, "recordings/t_test/none.wav");
    expect((await exports.default.fetch(`http://localhost${missing}`, { headers: { Range: "bytes=0-1" } })).status).toBe(404);
  });
});

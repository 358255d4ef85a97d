import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { generateProperties } from "../../scripts/lib/property-generator";
import { LocalImagery } from "../providers/imagery/local";
import { storeImage } from "./imagery-store";

const [HOME, OTHER] = generateProperties({ count: 2, seed: 11 });

describe("storeImage", () => {
  it("stores the same image once, under the hash of its bytes", async () => {
    const imagery = new LocalImagery();
    const first = await imagery.fetch(HOME!);
    const again = await imagery.fetch(HOME!);
    const [keyA, keyB] = [await storeImage(env.MEDIA, first), await storeImage(env.MEDIA, again)];
    expect(keyA).toMatch(/^imagery\/[0-9a-f]{64}\.png$/);
    expect(keyB).toBe(keyA);
    const listed = await env.MEDIA.list({ prefix: "imagery/" });
    expect(listed.objects.filter((o) => o.key === keyA)).toHaveLength(1);
    const stored = await env.MEDIA.get(keyA);
    expect(stored?.httpMetadata?.contentType).toBe("image/png");
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(first.bytes);
  });

  it("keeps different images apart and names JPEGs .jpg", async () => {
    const other = await new LocalImagery().fetch(OTHER!);
    const home = await new LocalImagery().fetch(HOME!);
    expect(await storeImage(env.MEDIA, other)).not.toBe(await storeImage(env.MEDIA, home));
    const jpeg = {
      bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
      contentType: "image/jpeg",
      capturedAt: "2024-03-01",
      source: "test",
    };
    const key = await storeImage(env.MEDIA, jpeg);
    expect(key).toMatch(/\.jpg$/);
    expect((await env.MEDIA.head(key))?.customMetadata).toEqual({ source: "test", capturedAt: "2024-03-01" });
  });

  it("refuses a type it cannot name", async () => {
    await expect(
      storeImage(env.MEDIA, { bytes: new Uint8Array([1]), contentType: "image/gif", capturedAt: null, source: "x" }),
    ).rejects.toThrow(/image\/gif/);
  });
});

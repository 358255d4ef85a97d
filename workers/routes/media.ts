import { Hono } from "hono";
import type { AppEnv } from "../env";
import { verifyMediaSignature } from "../lib/signed-url";
import { asksForRange, resolveRange } from "../lib/byte-range";
import { Problem, notFound } from "../http/problem";

const PREFIX = "/api/v1/media/";
const MAX_KEY_BYTES = 1024; // R2's limit

/**
 * The object key the URL names, decoded segment by segment the way signedMediaUrl encoded it;
 * null for what no signed URL contains (bad percent-encoding, empty or dot segments, an encoded
 * slash, control characters, an over-long key).
 */
function mediaKey(url: string): string | null {
  const raw = new URL(url).pathname.slice(PREFIX.length);
  const segments: string[] = [];
  for (const part of raw.split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return null;
    }
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (segment === "" || segment === "." || segment === ".." || /[/\u0000-\u001f\u007f]/.test(segment)) return null;
    segments.push(segment);
  }
  const key = segments.join("/");
  return new TextEncoder().encode(key).length <= MAX_KEY_BYTES ? key : null;
}

/**
 * Private R2 objects behind signed URLs (workers/lib/signed-url.ts). One byte range is honoured
 * so the call player can seek; a range the object cannot satisfy is a 416 naming its size.
 */
export const mediaRoutes = new Hono<AppEnv>().get("/*", async (c) => {
  const key = mediaKey(c.req.url);
  if (key === null) throw notFound("Media");
  if (!(await verifyMediaSignature(c.env, key, c.req.query("exp"), c.req.query("sig"))))
    throw new Problem(403, "Forbidden", "The media link is invalid or has expired.");
  const rangeHeader = c.req.header("Range");
  let part: { offset: number; length: number } | undefined;
  if (asksForRange(rangeHeader)) {
    const head = await c.env.MEDIA.head(key);
    if (!head) throw notFound("Media");
    const resolved = resolveRange(rangeHeader, head.size);
    if (resolved.kind === "unsatisfiable")
      throw new Problem(
        416,
        "Range Not Satisfiable",
        `The file is ${head.size} bytes long; ask for a range inside it.`,
        { size: head.size },
        { "Content-Range": `bytes */${head.size}` },
      );
    if (resolved.kind === "part") part = { offset: resolved.offset, length: resolved.length };
  }
  const object = await c.env.MEDIA.get(key, part ? { range: part } : {});
  if (!object) throw notFound("Media");
  const headers = new Headers({ "Cache-Control": "private, max-age=300", "Accept-Ranges": "bytes", ETag: object.httpEtag });
  object.writeHttpMetadata(headers);
  if (part) {
    headers.set("Content-Range", `bytes ${part.offset}-${part.offset + part.length - 1}/${object.size}`);
    headers.set("Content-Length", String(part.length));
    return new Response(object.body, { status: 206, headers });
  }
  headers.set("Content-Length", String(object.size));
  return new Response(object.body, { status: 200, headers });
});

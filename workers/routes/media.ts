import { Hono } from "hono";
import type { AppEnv } from "../env";
import { verifyMediaSignature } from "../lib/signed-url";
import { Problem, notFound } from "../http/problem";

const RANGE = /^bytes=(\d*)-(\d*)$/;

/** Parses a single Range header into R2's form; multiple ranges are not served (the whole object is). */
function r2Range(header: string | undefined): R2Range | undefined {
  const m = header ? RANGE.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") return { suffix: Number(m[2]) };
  const offset = Number(m[1]);
  return m[2] === "" ? { offset } : { offset, length: Number(m[2]) - offset + 1 };
}

/**
 * Private R2 objects behind signed URLs (workers/lib/signed-url.ts). Byte ranges are honoured so
 * the call player can seek.
 */
export const mediaRoutes = new Hono<AppEnv>().get("/:key{.+}", async (c) => {
  const key = decodeURIComponent(c.req.param("key"));
  if (!(await verifyMediaSignature(c.env, key, c.req.query("exp"), c.req.query("sig"))))
    throw new Problem(403, "Forbidden", "The media link is invalid or has expired.");
  const range = r2Range(c.req.header("Range"));
  const object = await c.env.MEDIA.get(key, range ? { range } : {});
  if (!object) throw notFound("Media");
  const headers = new Headers({ "Cache-Control": "private, max-age=300", "Accept-Ranges": "bytes", ETag: object.httpEtag });
  object.writeHttpMetadata(headers);
  if (range && "range" in object && object.range) {
    const r = object.range as { offset?: number; length?: number };
    const start = r.offset ?? object.size - (r.length ?? 0);
    const length = r.length ?? object.size - start;
    headers.set("Content-Range", `bytes ${start}-${start + length - 1}/${object.size}`);
    headers.set("Content-Length", String(length));
    return new Response(object.body, { status: 206, headers });
  }
  headers.set("Content-Length", String(object.size));
  return new Response(object.body, { status: 200, headers });
});

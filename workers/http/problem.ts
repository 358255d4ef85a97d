import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An RFC 9457 problem raised anywhere in a request; the error handler renders it. */
export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, extra?: Record<string, unknown>) => new Problem(400, "Bad Request", detail, extra);
export const unauthorized = (detail = "Sign in to continue.") =>
  new Problem(401, "Unauthorized", detail, {}, { "WWW-Authenticate": "Bearer" });
/** Not enough credits: the wallet refused to overdraw. */
export const paymentRequired = (detail: string, extra?: Record<string, unknown>) => new Problem(402, "Payment Required", detail, extra);
export const forbidden = (detail = "Your role does not allow this.") => new Problem(403, "Forbidden", detail);
export const notFound = (what = "Resource") => new Problem(404, "Not Found", `${what} not found.`);
export const conflict = (detail: string, extra?: Record<string, unknown>) => new Problem(409, "Conflict", detail, extra);
export const unprocessable = (detail: string, extra?: Record<string, unknown>) => new Problem(422, "Unprocessable Content", detail, extra);
export const tooManyRequests = (retryAfterSeconds: number, detail = "Too many attempts. Try again later.") =>
  new Problem(429, "Too Many Requests", detail, { retryAfter: retryAfterSeconds }, { "Retry-After": String(retryAfterSeconds) });

export function problemResponse(c: Context, problem: Problem): Response {
  const requestId = c.get("requestId") as string | undefined;
  const body = {
    type: "about:blank",
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: new URL(c.req.url).pathname,
    requestId,
    ...problem.extra,
  };
  return c.newResponse(JSON.stringify(body), problem.status, {
    "Content-Type": "application/problem+json",
    ...problem.headers,
  });
}

import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { log } from "./log";
import { Problem, problemResponse } from "./problem";

/** Every error leaves as application/problem+json; only genuine faults are 5xx. */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof Problem) return problemResponse(c, err);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const detail =
      status === 400 && /JSON/i.test(err.message)
        ? "The request body is not valid JSON."
        : status === 415
          ? "Send the body as JSON with Content-Type: application/json."
          : err.message;
    return problemResponse(c, new Problem(status, titleFor(status), detail));
  }
  log("error", "unhandled error", { requestId: c.get("requestId"), error: err instanceof Error ? err.message : String(err) });
  return problemResponse(
    c,
    new Problem(500, "Internal Server Error", "Something went wrong on our side. Quote the request id when you report it."),
  );
};

export const onNotFound: NotFoundHandler<AppEnv> = (c: Context<AppEnv>) =>
  problemResponse(c, new Problem(404, "Not Found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`));

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Content Too Large",
    415: "Unsupported Media Type",
  };
  return titles[status] ?? "Error";
}

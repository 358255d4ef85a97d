import type { Context } from "hono";
import { tooManyRequests } from "./problem";

export const clientIp = (c: Context) =>
  c.req.header("CF-Connecting-IP") ?? c.req.header("X-Forwarded-For")?.split(",")[0]?.trim() ?? "local";

/** Throws a 429 with Retry-After when the binding refuses `key`. The bindings use 60-second windows. */
export async function enforceLimit(limiter: RateLimit, key: string, detail?: string): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) throw tooManyRequests(60, detail);
}

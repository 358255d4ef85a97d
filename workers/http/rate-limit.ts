import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv, Env } from "../env";
import { tooManyRequests } from "./problem";

export const clientIp = (c: Context) =>
  c.req.header("CF-Connecting-IP") ?? c.req.header("X-Forwarded-For")?.split(",")[0]?.trim() ?? "local";

/** Throws a 429 with Retry-After when the binding refuses `key`. The bindings use 60-second windows. */
export async function enforceLimit(limiter: RateLimit, key: string, detail?: string, retryAfterSeconds = 60): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (!success) throw tooManyRequests(retryAfterSeconds, detail);
}

/** One limit: a binding from wrangler.toml `[[ratelimits]]`, its window, and whom it counts. */
export interface LimitRule {
  limiter: (env: Env) => RateLimit;
  periodSeconds: number;
  key: (c: Context<AppEnv>) => string;
  detail: string;
}

/** Middleware refusing, with a 429 problem and Retry-After, what goes over `rule`. */
export const rateLimit =
  (rule: LimitRule): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await enforceLimit(rule.limiter(c.env), rule.key(c), rule.detail, rule.periodSeconds);
    await next();
  };

import type { Context } from "hono";
import type { AppEnv } from "../env";
import { clientIp, enforceLimit, rateLimit, type LimitRule } from "./rate-limit";

// Every request limit in one place (README "Limits"). The numbers live with the bindings in
// wrangler.toml; keys are prefixed by group so groups sharing a binding never share a budget.
const caller = (c: Context<AppEnv>) => c.get("auth")?.userId ?? `ops:${clientIp(c)}`;

const RULES = {
  /** Anonymous routes (auth, OpenAPI document and docs): 100 a minute per IP. */
  publicPerIp: {
    limiter: (env) => env.PUBLIC_IP_LIMITER,
    periodSeconds: 60,
    key: (c) => `public:${clientIp(c)}`,
    detail: "Too many requests from this address. Try again in a minute.",
  },
  /** Signed media URLs: a scan page loads dozens of images at once, so 1,000 a minute per IP. */
  mediaPerIp: {
    limiter: (env) => env.MEDIA_IP_LIMITER,
    periodSeconds: 60,
    key: (c) => `media:${clientIp(c)}`,
    detail: "Too many downloads from this address. Try again in a minute.",
  },
  /** CSV exports (leads, scan results): 10 a minute per user. */
  exportsPerUser: {
    limiter: (env) => env.EXPORT_USER_LIMITER,
    periodSeconds: 60,
    key: (c) => `export:${caller(c)}`,
    detail: "Too many exports. Try again in a minute.",
  },
  /** Money movements (checkout, top-ups, auto-recharge and auto-spend changes, adjustments): 20 a minute per user. */
  moneyPerUser: {
    limiter: (env) => env.MONEY_USER_LIMITER,
    periodSeconds: 60,
    key: (c) => `money:${caller(c)}`,
    detail: "Too many payment changes. Try again in a minute.",
  },
} satisfies Record<string, LimitRule>;

export const publicLimit = rateLimit(RULES.publicPerIp);
export const mediaLimit = rateLimit(RULES.mediaPerIp);
export const exportLimit = rateLimit(RULES.exportsPerUser);
export const moneyLimit = rateLimit(RULES.moneyPerUser);

/**
 * Webhooks are counted per source (a WhatsApp phone_number_id, a Twilio number, a Stripe account)
 * once the signature is verified, so forged requests never spend a real source's budget. The
 * binding allows a burst of 20,000 in 10 seconds: twice the 1,000/s target, far above what a
 * provider sends one number.
 */
export const limitWebhookSource = (c: Context<AppEnv>, provider: string, source: string) =>
  enforceLimit(c.env.WEBHOOK_SOURCE_LIMITER, `${provider}:${source}`, "Too many events from this source. Try again shortly.", 10);

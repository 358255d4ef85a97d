import type { ActivityFeed } from "../durable-objects/activity-feed";
import type { MetricsAggregator } from "../durable-objects/metrics-aggregator";
import type { QueueMessage } from "./queue/messages";

/** Bindings and settings of the Worker (wrangler.toml + .dev.vars / `wrangler secret put`). */
export interface Env {
  DB: D1Database;
  MEDIA: R2Bucket;
  PG?: Hyperdrive;
  ASSETS: Fetcher;
  EVENTS: Queue<QueueMessage>;
  EVENTS_DLQ: Queue<QueueMessage>;
  ACTIVITY_FEED: DurableObjectNamespace<ActivityFeed>;
  METRICS: DurableObjectNamespace<MetricsAggregator>;
  LOGIN_IP_LIMITER: RateLimit;
  LOGIN_ACCOUNT_LIMITER: RateLimit;
  PUBLIC_IP_LIMITER: RateLimit;

  ENVIRONMENT: "development" | "production" | "test";
  WEB_ORIGIN: string;
  ACCESS_TOKEN_TTL_SECONDS: string;
  REFRESH_TOKEN_TTL_DAYS: string;
  MAX_BODY_BYTES: string;
  MAX_IMPORT_BYTES: string;
  /** "true" when the Postgres catalog behind PG is part of the deployment (readiness then requires it). */
  PG_ENABLED?: string;

  JWT_SECRET: string;
  /** Bearer token for /metrics scrapers and ops scripts (dead-letter replay). */
  OPS_TOKEN?: string;
  RESEND_API_KEY?: string;
  EMAIL_FROM?: string;
  /** Base URL of the email API; tests point it at a loopback contract fake. */
  RESEND_API_URL?: string;
}

/** Hono context variables set by middleware. */
export interface Vars {
  requestId: string;
  auth: AuthContext;
}

export type TenantRole = "owner" | "admin" | "agent";
export type Role = TenantRole | "superadmin";

export interface AuthContext {
  userId: string;
  tenantId: string;
  role: TenantRole;
  superadmin: boolean;
}

export type AppEnv = { Bindings: Env; Variables: Vars };

/** What background work needs from an execution context (Hono and the runtime type it differently). */
export type WaitUntil = { waitUntil(promise: Promise<unknown>): void };

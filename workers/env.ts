import type { ActivityFeed } from "../durable-objects/activity-feed";
import type { MetricsAggregator } from "../durable-objects/metrics-aggregator";
import type { Conversation } from "../durable-objects/conversation";
import type { ProCalendar } from "../durable-objects/pro-calendar";
import type { Wallet } from "../durable-objects/wallet";
import type { CallSession } from "../durable-objects/call-session";
import type { ScanProgress } from "../durable-objects/scan-progress";
import type { AreaScanParams } from "./scans/workflow";
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
  CONVERSATION: DurableObjectNamespace<Conversation>;
  PRO_CALENDAR: DurableObjectNamespace<ProCalendar>;
  WALLET: DurableObjectNamespace<Wallet>;
  CALL_SESSION: DurableObjectNamespace<CallSession>;
  SCAN_PROGRESS: DurableObjectNamespace<ScanProgress>;
  AREA_SCAN: Workflow<AreaScanParams>;
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
  /** Largest area one scan may cover, km² (default 5). */
  SCAN_MAX_AREA_KM2?: string;

  JWT_SECRET: string;
  /** Bearer token for /metrics scrapers and ops scripts (dead-letter replay). */
  OPS_TOKEN?: string;
  RESEND_API_KEY?: string;
  EMAIL_FROM?: string;
  /** Base URL of the email API; tests point it at a loopback contract fake. */
  RESEND_API_URL?: string;

  /** Claude answers conversations when set; otherwise the local rule engine does. */
  ANTHROPIC_API_KEY?: string;
  /** Base URL of the Messages API; tests point it at a loopback contract fake. */
  ANTHROPIC_BASE_URL?: string;
  /** Verifies X-Hub-Signature-256 on POST /webhooks/whatsapp. */
  WHATSAPP_APP_SECRET?: string;
  /** Echoed by GET /webhooks/whatsapp when Meta verifies the endpoint. */
  WHATSAPP_VERIFY_TOKEN?: string;
  /** Sends through the Graph API when set; otherwise WhatsApp replies are simulated. */
  WHATSAPP_ACCESS_TOKEN?: string;
  WHATSAPP_GRAPH_URL?: string;
  /** With the auth token, sends SMS through Twilio's REST API; otherwise SMS is simulated. */
  TWILIO_ACCOUNT_SID?: string;
  /** Verifies X-Twilio-Signature on /webhooks/twilio/*. */
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_API_URL?: string;
  /** Platform-wide cap on calls in progress (voice webhook refuses above it); default 50. */
  MAX_CONCURRENT_CALLS?: string;

  /** Stripe Checkout, refunds and off-session auto-recharge; without it the wallet tops up locally (not in production). */
  STRIPE_SECRET_KEY?: string;
  /** Verifies Stripe-Signature on POST /webhooks/stripe. */
  STRIPE_WEBHOOK_SECRET?: string;
  /** Base URL of the Stripe API; tests point it at a loopback contract fake. */
  STRIPE_API_URL?: string;
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

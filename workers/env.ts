import type { QueueMessage } from "./queue/messages";

/**
 * Bindings and settings of the Worker. Every binding and [vars] entry of wrangler.toml is typed in
 * the generated workers/bindings.d.ts (`npm run types`); this adds the secrets and optional
 * settings (.dev.vars / `wrangler secret put`) and narrows what the generator types loosely.
 */
export interface Env extends WorkerBindings {
  EVENTS: Queue<QueueMessage>;
  EVENTS_DLQ: Queue<QueueMessage>;
  ENVIRONMENT: "development" | "production" | "test";
  /** "true" when the Postgres catalog behind PG is part of the deployment (readiness then requires it). */
  PG_ENABLED?: string;

  JWT_SECRET: string;
  /** Bearer token for /metrics scrapers and ops scripts (dead-letter replay). */
  OPS_TOKEN?: string;
  RESEND_API_KEY?: string;
  EMAIL_FROM?: string;
  /** Base URL of the email API; tests point it at a loopback contract fake. */
  RESEND_API_URL?: string;

  /** Web Push (RFC 8292) key pair, base64url; `npm start` generates one into .dev.vars. Without it browser push is off. */
  VAPID_PUBLIC_KEY?: string;
  VAPID_PRIVATE_KEY?: string;
  /** Who push services contact about this sender (mailto: or https:); default mailto:alerts@homeline.app. */
  VAPID_SUBJECT?: string;

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
  /** Streaming speech-to-text for calls; with ELEVENLABS_API_KEY it switches calls from <Gather> to Media Streams. */
  DEEPGRAM_API_KEY?: string;
  /** Base URL of Deepgram's live API (wss://; its https:// twin serves pre-recorded audio); tests point it at a loopback contract fake. */
  DEEPGRAM_URL?: string;
  /** Streaming text-to-speech for calls (μ-law 8 kHz). */
  ELEVENLABS_API_KEY?: string;
  /** The agent's voice; default a stock ElevenLabs voice. */
  ELEVENLABS_VOICE_ID?: string;
  ELEVENLABS_URL?: string;

  /** Stripe Checkout, refunds and off-session auto-recharge; without it the wallet tops up locally (not in production). */
  STRIPE_SECRET_KEY?: string;
  /** Verifies Stripe-Signature on POST /webhooks/stripe. */
  STRIPE_WEBHOOK_SECRET?: string;
  /** Base URL of the Stripe API; tests point it at a loopback contract fake. */
  STRIPE_API_URL?: string;

  /** Area scans: Google satellite tiles (Static Maps) and roof geometry (Solar API) with one Maps Platform key; otherwise local sample tiles and heuristics. */
  GOOGLE_MAPS_API_KEY?: string;
  GOOGLE_MAPS_URL?: string;
  GOOGLE_SOLAR_URL?: string;
  /** "claude": Claude also assesses each roof image (condition, damage, confidence); needs ANTHROPIC_API_KEY. */
  SCAN_VISION?: string;
  /** Property details (year built, assessed value, owner, occupancy) from ATTOM; otherwise the catalog's sample attributes. */
  ATTOM_API_KEY?: string;
  ATTOM_URL?: string;
  /** Owner phone/email through BatchData skip trace; otherwise fictitious contacts for sample homes. */
  BATCHDATA_API_KEY?: string;
  BATCHDATA_URL?: string;
  /** "noaa": storm exposure from NOAA SWDI hail signatures (no key; always in production); otherwise the sample hail swath. */
  SCAN_STORMS?: string;
  NOAA_SWDI_URL?: string;
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

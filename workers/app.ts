import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";
import { requestContext } from "./http/request-context";
import { corsForWebOrigin, securityHeaders } from "./http/security";
import { onError, onNotFound } from "./http/errors";
import { Problem } from "./http/problem";
import { validationHook } from "./http/validation";
import { requireAuth } from "./http/auth";
import { refuseUnknownQuery } from "./http/known-query";
import { exportLimit, mediaLimit, moneyLimit, publicLimit } from "./http/limits";
import { authRoutes } from "./routes/auth";
import { meRoutes } from "./routes/me";
import { teamRoutes } from "./routes/team";
import { leadRoutes } from "./routes/leads";
import { healthRoutes } from "./routes/health";
import { metricsRoutes } from "./routes/metrics";
import { adminRoutes } from "./routes/admin";
import { wsRoutes } from "./routes/ws";
import { docsRoutes } from "./routes/docs";
import { whatsappWebhook } from "./routes/webhooks/whatsapp";
import { twilioSmsWebhook } from "./routes/webhooks/twilio-sms";
import { twilioVoiceWebhook } from "./routes/webhooks/twilio-voice";
import { voiceStreamRoutes } from "./routes/voice-stream";
import { conversationRoutes } from "./routes/conversations";
import { proRoutes } from "./routes/pros";
import { bookingRoutes } from "./routes/bookings";
import { channelRoutes } from "./routes/channels";
import { walletRoutes } from "./routes/wallet";
import { walletSpendRoutes } from "./routes/wallet-spend";
import { walletBillingRoutes } from "./routes/wallet-billing";
import { questRoutes } from "./routes/quests";
import { scanRoutes } from "./routes/scans";
import { scanResultRoutes } from "./routes/scan-results";
import { adminWalletRoutes } from "./routes/admin-wallets";
import { adminPropertyRoutes } from "./routes/admin-properties";
import { stripeWebhook } from "./routes/webhooks/stripe";
import { mediaRoutes } from "./routes/media";
import { callRoutes } from "./routes/calls";
import { voiceSettingsRoutes } from "./routes/voice-settings";
import { notificationRoutes } from "./routes/notifications";
import { notificationSettingsRoutes } from "./routes/notification-settings";

const OPENAPI = { openapi: "3.1.0", info: { title: "Homeline API", version: "1.0.0" } };

const WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);
const bodyLimits = new Map<number, MiddlewareHandler<AppEnv>>();

/** JSON bodies are capped at MAX_BODY_BYTES; the CSV and footprint imports have their own, larger limit. */
const jsonBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  if (WITHOUT_BODY.has(c.req.method) || c.req.path.endsWith("/leads/import") || c.req.path.endsWith("/admin/properties/import"))
    return next();
  const maxSize = Number(c.env.MAX_BODY_BYTES);
  let limit = bodyLimits.get(maxSize);
  if (!limit) {
    limit = bodyLimit({
      maxSize,
      onError: () => {
        throw new Problem(413, "Content Too Large", `Request bodies are limited to ${Math.round(maxSize / 1024)} KB.`);
      },
    });
    bodyLimits.set(maxSize, limit);
  }
  return limit(c, next);
};

// Public and ops-authenticated groups are registered before the requireAuth wildcard: their
// handlers answer first, so the wildcard guards exactly the routes registered after it.
export const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .use("/auth/*", publicLimit)
  .use("/media/*", mediaLimit)
  .route("/auth", authRoutes)
  .route("/admin", adminRoutes)
  .route("/admin/wallets", adminWalletRoutes)
  .route("/admin/properties", adminPropertyRoutes)
  .route("/media", mediaRoutes)
  .use("*", requireAuth)
  .use("/leads/export.csv", exportLimit)
  .use("/scans/:id/leads.csv", exportLimit)
  .on(["POST", "PUT"], ["/wallet/checkout", "/wallet/dev-top-up", "/wallet/auto-recharge", "/wallet/auto-spend"], moneyLimit)
  .route("/", meRoutes)
  .route("/", teamRoutes)
  .route("/leads", leadRoutes)
  .route("/conversations", conversationRoutes)
  .route("/pros", proRoutes)
  .route("/bookings", bookingRoutes)
  .route("/channels", channelRoutes)
  .route("/wallet", walletRoutes)
  .route("/wallet", walletSpendRoutes)
  .route("/wallet", walletBillingRoutes)
  .route("/quests", questRoutes)
  .route("/scans", scanRoutes)
  .route("/scans", scanResultRoutes)
  .route("/calls", callRoutes)
  .route("/voice", voiceSettingsRoutes)
  .route("/notifications", notificationRoutes)
  .route("/notifications", notificationSettingsRoutes);

/** The /api/v1 routes as one type: the web app's typed client and its API types derive from it. */
export type Api = typeof api;

export const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
app.use("*", requestContext, securityHeaders);
app.use("/api/*", corsForWebOrigin, jsonBodyLimit, refuseUnknownQuery(openApiDocument));
app.route("/api/v1", api);
app.route("/api/health", healthRoutes);
app.route("/metrics", metricsRoutes);
app.route("/ws", wsRoutes);
app.route("/webhooks/whatsapp", whatsappWebhook);
app.route("/webhooks/twilio/sms", twilioSmsWebhook);
app.route("/webhooks/twilio/voice", twilioVoiceWebhook);
app.route("/voice/stream", voiceStreamRoutes);
app.route("/webhooks/stripe", stripeWebhook);
app.use("/api/openapi.json", publicLimit);
app.use("/api/docs/*", publicLimit);
app.get("/api/openapi.json", (c) => c.json(openApiDocument()));
app.route("/api/docs", docsRoutes(openApiDocument));
app.onError(onError);
app.notFound(onNotFound);

function openApiDocument() {
  const doc = app.getOpenAPI31Document(OPENAPI);
  doc.components = { ...doc.components, securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } };
  doc.security = [{ bearer: [] }];
  return doc;
}

import type { Env } from "../../env";
import { Problem } from "../../http/problem";
import { LocalPayments } from "./local";
import type { PaymentsProvider } from "./provider";
import { StripePayments } from "./stripe";

export type { PaymentsProvider, SavedCard, OffSessionResult } from "./provider";

/** Stripe when keyed; the local top-up otherwise — except in production, which refuses to simulate. */
export function paymentsProvider(env: Env): PaymentsProvider {
  if (env.STRIPE_SECRET_KEY) return new StripePayments(env);
  if (env.ENVIRONMENT === "production")
    throw new Problem(503, "Service Unavailable", "Payments are not configured: set STRIPE_SECRET_KEY.");
  return new LocalPayments();
}

import Stripe from "stripe";
import type { Env } from "../../env";
import { CURRENCY } from "../../wallet/packs";
import type { CheckoutInput, CheckoutSession, OffSessionCharge, OffSessionResult, PaymentsProvider, SavedCard } from "./provider";

/** The official SDK on the fetch API; STRIPE_API_URL points it elsewhere (tests: a loopback fake). */
function client(env: Env): Stripe {
  const api = env.STRIPE_API_URL ? new URL(env.STRIPE_API_URL) : null;
  return new Stripe(env.STRIPE_SECRET_KEY!, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    ...(api
      ? {
          host: api.hostname,
          port: Number(api.port) || (api.protocol === "https:" ? 443 : 80),
          protocol: api.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
}

const subtleCrypto = Stripe.createSubtleCryptoProvider();

/**
 * Checks Stripe-Signature over the raw body (never a re-serialized one) with WebCrypto, within
 * Stripe's 300 s tolerance; throws when it does not match.
 */
export function verifyStripeEvent(env: Env, rawBody: string, signature: string): Promise<Stripe.Event> {
  return Stripe.webhooks.constructEventAsync(rawBody, signature, env.STRIPE_WEBHOOK_SECRET!, undefined, subtleCrypto);
}

export class StripePayments implements PaymentsProvider {
  readonly name = "stripe";
  private readonly stripe: Stripe;

  constructor(env: Env) {
    this.stripe = client(env);
  }

  async createCustomer(tenant: { id: string; name: string }, email: string): Promise<string> {
    const customer = await this.stripe.customers.create(
      { name: tenant.name, email, metadata: { tenantId: tenant.id } },
      { idempotencyKey: `customer:${tenant.id}` },
    );
    return customer.id;
  }

  async createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    const metadata = {
      kind: "credits",
      tenantId: input.tenantId,
      userId: input.userId,
      packId: input.pack.id,
      credits: String(input.pack.credits),
    };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: "payment",
        customer: input.customerId,
        client_reference_id: input.tenantId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: CURRENCY,
              unit_amount: input.pack.credits,
              product_data: { name: `${input.pack.credits.toLocaleString("en-US")} Homeline credits` },
            },
          },
        ],
        // Saves the card for auto-recharge, and tags the payment so a refund finds its wallet.
        payment_intent_data: { setup_future_usage: "off_session", metadata },
        metadata,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
      { idempotencyKey: input.idempotencyKey },
    );
    if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL");
    return { id: session.id, url: session.url, paid: false, paymentIntentId: null };
  }

  async savedCard(paymentIntentId: string): Promise<SavedCard | null> {
    const intent = await this.stripe.paymentIntents.retrieve(paymentIntentId, { expand: ["payment_method"] });
    const method = intent.payment_method;
    if (!method || typeof method === "string" || intent.setup_future_usage !== "off_session") return null;
    const card = method.card;
    return { paymentMethodId: method.id, label: card ? `${card.brand} •••• ${card.last4}` : method.type };
  }

  async chargeOffSession(charge: OffSessionCharge): Promise<OffSessionResult> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: charge.amountCents,
          currency: CURRENCY,
          customer: charge.customerId,
          payment_method: charge.paymentMethodId,
          off_session: true,
          confirm: true,
          description: `Auto-recharge: ${charge.credits.toLocaleString("en-US")} Homeline credits`,
          metadata: { kind: "auto_recharge", tenantId: charge.tenantId, attemptKey: charge.attemptKey, credits: String(charge.credits) },
        },
        { idempotencyKey: charge.attemptKey },
      );
      if (intent.status === "succeeded") return { status: "succeeded", paymentIntentId: intent.id };
      return {
        status: "failed",
        paymentIntentId: intent.id,
        message: "The bank asked to confirm this payment; buy credits in the app instead.",
      };
    } catch (err) {
      // A declined or authentication-required card; anything else (network, 5xx) is retried by the queue.
      if (err instanceof Stripe.errors.StripeCardError)
        return { status: "failed", paymentIntentId: (err.payment_intent as { id?: string } | undefined)?.id ?? null, message: err.message };
      throw err;
    }
  }
}

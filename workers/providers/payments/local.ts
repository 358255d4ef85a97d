import { newId } from "../../lib/ids";
import type { CheckoutInput, CheckoutSession, OffSessionCharge, OffSessionResult, PaymentsProvider, SavedCard } from "./provider";

/**
 * Development only (no STRIPE_SECRET_KEY): a checkout is paid the moment it is created and
 * credited at once, and auto-recharge always succeeds. Production refuses to use it.
 */
export class LocalPayments implements PaymentsProvider {
  readonly name = "local";

  async createCustomer(tenant: { id: string }): Promise<string> {
    return `cus_local_${tenant.id}`;
  }

  async createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    const id = `cs_local_${newId("top")}`;
    return { id, url: input.successUrl.replace("{CHECKOUT_SESSION_ID}", id), paid: true, paymentIntentId: `pi_local_${id}` };
  }

  async savedCard(): Promise<SavedCard> {
    return { paymentMethodId: "pm_local", label: "Local test card" };
  }

  async chargeOffSession(charge: OffSessionCharge): Promise<OffSessionResult> {
    return { status: "succeeded", paymentIntentId: `pi_local_${charge.attemptKey}` };
  }
}

import type { CreditPack } from "../../wallet/packs";

export interface CheckoutInput {
  tenantId: string;
  userId: string;
  customerId: string;
  pack: CreditPack;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
}

export interface CheckoutSession {
  id: string;
  url: string;
  /** Already paid (the local top-up): fulfil now instead of waiting for a webhook. */
  paid: boolean;
  paymentIntentId: string | null;
}

export interface SavedCard {
  paymentMethodId: string;
  label: string;
}

export interface OffSessionCharge {
  customerId: string;
  paymentMethodId: string;
  tenantId: string;
  credits: number;
  amountCents: number;
  /** Also Stripe's idempotency key: a retried attempt never charges twice. */
  attemptKey: string;
}

export type OffSessionResult =
  | { status: "succeeded"; paymentIntentId: string }
  | { status: "failed"; paymentIntentId: string | null; message: string };

/** Taking money for credits: Stripe when keyed, an instant local top-up otherwise. */
export interface PaymentsProvider {
  readonly name: "stripe" | "local";
  /** The workspace's customer (created once; the caller stores its id). */
  createCustomer(tenant: { id: string; name: string }, email: string): Promise<string>;
  createCheckout(input: CheckoutInput): Promise<CheckoutSession>;
  /** The card a paid checkout saved for later off-session charges, if any. */
  savedCard(paymentIntentId: string): Promise<SavedCard | null>;
  /** Charges the saved card without the customer present; a decline is a result, not an error. */
  chargeOffSession(charge: OffSessionCharge): Promise<OffSessionResult>;
}

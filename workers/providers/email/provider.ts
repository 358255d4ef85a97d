export interface EmailMessage {
  to: string;
  subject: string;
  body: string;
  idempotencyKey: string;
}

export interface EmailProvider {
  readonly name: string;
  /** True when the message only went to the local outbox (no keys configured). */
  readonly simulated: boolean;
  send(message: EmailMessage): Promise<{ providerMessageId: string }>;
}

/** A failure the provider will keep returning (bad address, bad key): retrying is pointless. */
export class PermanentSendError extends Error {}

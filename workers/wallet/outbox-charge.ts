import type { Env } from "../env";
import { log } from "../http/log";
import { PermanentSendError } from "../providers/email/provider";
import type { OutboxRow, OutboxSender } from "../outbox/senders";
import { CHANNELS, type Channel } from "./model";
import { walletFunded } from "./owner";
import { captureHold, holdCredits, releaseHold } from "./ledger";
import { smsSegments } from "./pricing";

/** Long enough for any provider call; an attempt that dies mid-way is released by expiry. */
const HOLD_SECONDS = 600;

const isChannel = (channel: string): channel is Channel => (CHANNELS as readonly string[]).includes(channel);

/**
 * Outbound messages are paid actions once the workspace has a funded wallet: each attempt
 * holds the message's price (segments for SMS, one message otherwise), captures it when the
 * provider accepted the message and releases it when the send failed, so a retried send is
 * charged once. A wallet that cannot pay fails the message for good, with the reason.
 * Workspace notices (`billable: false`) are never charged.
 */
export function withWalletCharge(env: Env, row: OutboxRow, attempt: number, sender: OutboxSender): OutboxSender {
  if (!row.billable || !isChannel(row.channel)) return sender;
  const channel = row.channel;
  const quantity = channel === "sms" ? smsSegments(row.body) : 1;
  return {
    ...sender,
    send: async () => {
      if (!(await walletFunded(env, row.tenantId))) return sender.send();
      const held = await holdCredits(env, row.tenantId, {
        channel,
        quantity,
        key: `outbox:${row.id}:${attempt}`,
        reference: row.id,
        ttlSeconds: HOLD_SECONDS,
      });
      if (!held.ok) {
        if (held.code === "insufficient_credits") throw new PermanentSendError(held.detail);
        throw new Error(`wallet refused the hold: ${held.detail}`);
      }
      const holdId = held.value.hold.id;
      let sent: Awaited<ReturnType<typeof sender.send>>;
      try {
        sent = await sender.send();
      } catch (err) {
        await releaseHold(env, row.tenantId, holdId).catch(() => undefined); // expiry releases it otherwise
        throw err;
      }
      // The message is out: a failed capture must not fail it (that would resend); the hold expires instead.
      const captured = await captureHold(env, row.tenantId, holdId, { quantity }).catch((err: unknown) => ({
        ok: false as const,
        detail: err instanceof Error ? err.message : String(err),
      }));
      if (!captured.ok) log("error", "outbox charge not captured", { outboxId: row.id, holdId, error: captured.detail });
      return sent;
    },
  };
}

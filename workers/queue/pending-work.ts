import { and, asc, gt, inArray, isNull, lt } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { channelById } from "../conversations/channels";
import { firstContact, type MetaWebhook } from "../conversations/whatsapp-events";
import { twilioContact } from "../conversations/twilio-events";
import { enqueue, type QueueMessage } from "./messages";

const { inboundEvents, stripeEvents, outbox } = tables;

/**
 * Work stored in D1 and not finished: the rows whose queue message may have been lost (a crash
 * takes the local in-memory queue with it; Cloudflare's is durable, but a send can fail between
 * the D1 write and the enqueue). Each finder pages by id (ids sort by time).
 */
type Finder = (env: Env, storedBefore: number, afterId: string, limit: number) => Promise<{ id: string; message: QueueMessage }[]>;

/** What "pending" means for each kind, for rows stored (or last changed) before `storedBefore`. */
const pendingWhere = {
  inbound: (storedBefore: number) => and(isNull(inboundEvents.processedAt), lt(inboundEvents.receivedAt, storedBefore)),
  stripe: (storedBefore: number) => and(isNull(stripeEvents.processedAt), lt(stripeEvents.receivedAt, storedBefore)),
  outbox: (storedBefore: number) => and(inArray(outbox.status, ["queued", "retrying"]), lt(outbox.updatedAt, storedBefore)),
};

export const PENDING = {
  /** Webhooks stored (WhatsApp, Twilio) and not yet handed to their conversations. */
  inbound: async (env, storedBefore, afterId, limit) => {
    const rows = await database(env.DB)
      .select()
      .from(inboundEvents)
      .where(and(pendingWhere.inbound(storedBefore), gt(inboundEvents.id, afterId)))
      .orderBy(asc(inboundEvents.id))
      .limit(limit);
    return Promise.all(
      rows.map(async (row) => ({ id: row.id, message: { kind: "inbound.event", eventId: row.id, orderKey: await orderKey(env, row) } })),
    );
  },
  /** Stripe events stored and not yet applied to their wallets. */
  stripe: async (env, storedBefore, afterId, limit) =>
    (
      await database(env.DB)
        .select({ id: stripeEvents.id })
        .from(stripeEvents)
        .where(and(pendingWhere.stripe(storedBefore), gt(stripeEvents.id, afterId)))
        .orderBy(asc(stripeEvents.id))
        .limit(limit)
    ).map(({ id }) => ({ id, message: { kind: "stripe.event", eventId: id } })),
  /** Outbound messages queued or waiting for a retry, unchanged since `storedBefore`. */
  outbox: async (env, storedBefore, afterId, limit) =>
    (
      await database(env.DB)
        .select({ id: outbox.id })
        .from(outbox)
        .where(and(pendingWhere.outbox(storedBefore), gt(outbox.id, afterId)))
        .orderBy(asc(outbox.id))
        .limit(limit)
    ).map(({ id }) => ({ id, message: { kind: "outbox.send", outboxId: id } })),
} satisfies Record<string, Finder>;

/** How much work is pending right now (GET /api/v1/admin/pending): zero everywhere once the queue has caught up. */
export async function countPending(env: Env, storedBefore = Date.now() + 1) {
  const db = database(env.DB);
  const [inboundCount, stripeCount, outboxCount] = await Promise.all([
    db.$count(inboundEvents, pendingWhere.inbound(storedBefore)),
    db.$count(stripeEvents, pendingWhere.stripe(storedBefore)),
    db.$count(outbox, pendingWhere.outbox(storedBefore)),
  ]);
  return { inboundEvents: inboundCount, stripeEvents: stripeCount, outbox: outboxCount };
}

export type PendingKind = keyof typeof PENDING;

/** The crons' rule: work still pending 15 minutes after it was stored lost its queue message. */
export const STUCK_AFTER_MS = 15 * 60_000;

/**
 * Queues again up to `limit` rows of one kind stored before `storedBefore`. Every handler is
 * idempotent (provider message ids, processed markers, the outbox claim), so a row whose first
 * message was not lost after all is handled once.
 */
export async function requeuePending(env: Env, kind: PendingKind, storedBefore: number, limit: number): Promise<number> {
  let requeued = 0;
  let afterId = "";
  while (requeued < limit) {
    const page = await PENDING[kind](env, storedBefore, afterId, Math.min(100, limit - requeued));
    for (const row of page) await enqueue(env, row.message);
    requeued += page.length;
    if (page.length < 100) break;
    afterId = page.at(-1)!.id;
  }
  return requeued;
}

/** The key the webhook gave this event, so one contact's recovered events keep their order. */
async function orderKey(env: Env, event: typeof inboundEvents.$inferSelect): Promise<string | undefined> {
  let contact: string | undefined;
  if (event.provider === "twilio") contact = twilioContact(Object.fromEntries(new URLSearchParams(event.body)));
  else {
    const channel = await channelById(env, event.tenantId, event.channelId);
    contact = channel ? firstContact(JSON.parse(event.body) as MetaWebhook, channel.address) : undefined;
  }
  return contact ? `${event.channelId}:${contact}` : undefined;
}

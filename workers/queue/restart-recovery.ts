import { and, eq, gt, lt } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { log } from "../http/log";
import { requeuePending } from "./pending-work";

const { outbox } = tables;
// Far more than a local server holds; the 10-minute cron picks up anything past it.
const MAX_PER_KIND = 10_000;

/**
 * After a server restart at `startedAt`: everything stored before it and still pending lost its
 * queue message with the old process (the local queue lives in memory), so it is queued again
 * now instead of 15 minutes later by the cron. An outbox attempt claimed before the restart died
 * with it and is released for a retry. Running this twice queues duplicates that the handlers
 * recognise (processed markers, provider message ids, the outbox claim), so nothing happens twice.
 */
export async function recoverAfterRestart(env: Env, startedAt: number) {
  const released = await database(env.DB)
    .update(outbox)
    .set({ status: "retrying", lastError: "The attempt was cut off by a server restart; sending again." })
    .where(and(eq(outbox.status, "queued"), gt(outbox.attempts, 0), lt(outbox.updatedAt, startedAt)))
    .returning({ id: outbox.id });
  const result = {
    inboundEvents: await requeuePending(env, "inbound", startedAt, MAX_PER_KIND),
    stripeEvents: await requeuePending(env, "stripe", startedAt, MAX_PER_KIND),
    outbox: await requeuePending(env, "outbox", startedAt, MAX_PER_KIND),
    attemptsReleased: released.length,
  };
  log("info", "recovered after restart", { startedAt: new Date(startedAt).toISOString(), ...result });
  return result;
}

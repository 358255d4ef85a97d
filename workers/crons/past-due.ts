import { and, eq, isNull, lt } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { slotLabel } from "../booking/zoned-time";
import { notifyPro } from "../conversations/notify";

const BATCH = 200;

/**
 * Every 30 minutes: each confirmed booking whose time has passed without being marked done
 * gets one reminder to its pro. reminded_at (and the outbox key) make a second run a no-op.
 */
export async function remindPastDueJobs(env: Env, now = Date.now()): Promise<{ reminded: number }> {
  const { bookings } = tables;
  const db = database(env.DB);
  const due = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.status, "confirmed"), lt(bookings.endsAt, now), isNull(bookings.remindedAt)))
    .limit(BATCH);
  for (const booking of due) {
    await notifyPro(
      env,
      booking.tenantId,
      booking.proId,
      `Reminder: ${booking.trade ?? "the job"} for ${booking.customerName} (${slotLabel(booking.timeZone, booking.startsAt)}) is past due. Mark it done in Homeline, or reschedule it.`,
      `past-due:${booking.id}`,
    );
    await db
      .update(bookings)
      .set({ remindedAt: now })
      .where(and(eq(bookings.tenantId, booking.tenantId), eq(bookings.id, booking.id)));
  }
  return { reminded: due.length };
}

import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { addDays, utcToZoned, zonedToUtc } from "../booking/zoned-time";
import { notifyPro } from "../conversations/notify";

const AGENDA_HOUR = 8;

/**
 * Runs every 10 minutes and sends each pro whose own clock shows 08:xx the day's bookings.
 * The outbox key (pro + local date) makes every later run that hour a no-op.
 */
export async function sendDailyAgendas(env: Env, now = Date.now()): Promise<{ sent: number }> {
  const { pros, bookings } = tables;
  const db = database(env.DB);
  const zones = (await db.selectDistinct({ zone: pros.timeZone }).from(pros).where(eq(pros.active, true))).map((r) => r.zone);
  const morning = zones.filter((zone) => Math.floor(utcToZoned(zone, now).minute / 60) === AGENDA_HOUR);
  if (!morning.length) return { sent: 0 };
  let sent = 0;
  for (const pro of await db
    .select()
    .from(pros)
    .where(and(eq(pros.active, true), inArray(pros.timeZone, morning)))) {
    const today = utcToZoned(pro.timeZone, now).date;
    const from = zonedToUtc(pro.timeZone, today, 0);
    const to = zonedToUtc(pro.timeZone, addDays(today, 1), 0);
    const jobs = await db
      .select()
      .from(bookings)
      .where(
        and(
          eq(bookings.tenantId, pro.tenantId),
          eq(bookings.proId, pro.id),
          eq(bookings.status, "confirmed"),
          gte(bookings.startsAt, from),
          lt(bookings.startsAt, to),
        ),
      )
      .orderBy(asc(bookings.startsAt));
    if (!jobs.length) continue;
    const time = new Intl.DateTimeFormat("en-US", { timeZone: pro.timeZone, hour: "numeric", minute: "2-digit" });
    const lines = jobs.map(
      (job) =>
        `${time.format(job.startsAt)} ${job.trade ?? "job"}, ${job.customerName}${job.address ? `, ${job.address}` : ""}${job.customerPhone ? ` (${job.customerPhone})` : ""}`,
    );
    if (
      await notifyPro(
        env,
        pro.tenantId,
        pro.id,
        `Good morning ${pro.name.split(" ")[0]}! Today (${today}): ${jobs.length} job${jobs.length > 1 ? "s" : ""}.\n${lines.join("\n")}`,
        `agenda:${pro.id}:${today}`,
      )
    )
      sent++;
  }
  return { sent };
}

import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";

import { channelById } from "../conversations/channels";
import { notifyPro } from "../conversations/notify";
import { queueOutbound } from "../conversations/outbound";
import type { BookingRow } from "./book";
import { slotLabel } from "./zoned-time";
import { conversationObject } from "../../durable-objects/stubs";
import { alertBooking } from "../notifications/alerts";

export type BookingChange = "created" | "rescheduled" | "cancelled" | "completed";

const PRO_TEXT: Record<BookingChange, string> = {
  created: "New booking",
  rescheduled: "Rescheduled",
  cancelled: "Cancelled",
  completed: "Marked done",
};
const CUSTOMER_TEXT: Record<Exclude<BookingChange, "completed">, string> = {
  created: "You're booked",
  rescheduled: "Your booking has moved",
  cancelled: "Your booking is cancelled",
};

/**
 * A booking changed outside the conversation (API / calendar): the pro is told, and so is the
 * customer in their conversation, whose state machine learns the new booking.
 */
export async function announceBookingChange(
  env: Env,
  booking: BookingRow,
  change: BookingChange,
  proName: string,
  reason?: string,
): Promise<void> {
  const label = slotLabel(booking.timeZone, booking.startsAt);
  const why = reason ? ` Reason: ${reason.replace(/[.\s]+$/, "")}.` : "";
  await notifyPro(
    env,
    booking.tenantId,
    booking.proId,
    `${PRO_TEXT[change]}: ${label}, ${booking.trade ?? "job"} for ${booking.customerName}${booking.address ? ` at ${booking.address}` : ""}.${why}`,
    `${change}:${booking.id}`,
  );
  if (change === "completed") return;
  await alertBooking(env, {
    tenantId: booking.tenantId,
    bookingId: booking.id,
    change,
    label,
    customerName: booking.customerName,
    proName,
  });
  const { conversations } = tables;
  const db = database(env.DB);
  const conversation = booking.conversationId
    ? await db.query.conversations.findFirst({
        where: and(eq(conversations.tenantId, booking.tenantId), eq(conversations.id, booking.conversationId)),
      })
    : booking.leadId
      ? await db.query.conversations.findFirst({
          where: and(eq(conversations.tenantId, booking.tenantId), eq(conversations.leadId, booking.leadId)),
        })
      : undefined;
  if (!conversation) return;
  await conversationObject(env, conversation.tenantId, conversation.channelId, conversation.contactAddress).bookingChanged(
    change === "cancelled" ? null : { id: booking.id, label, proName },
  );
  const channel = await channelById(env, booking.tenantId, conversation.channelId);
  if (!channel) return;
  const text = `${CUSTOMER_TEXT[change]}: ${label} with ${proName}.${why}`;
  await queueOutbound(
    env,
    { tenantId: booking.tenantId, channel, to: conversation.contactAddress, conversationId: conversation.id },
    { body: text, payload: null, kind: "text" },
    { idempotencyKey: `customer:${change}:${booking.id}`, author: "system" },
  );
}

import type { Env } from "../env";
import type { NotificationEvent } from "./event";
import { DEFAULT_CHOICE, type ChannelChoice } from "./kinds";

export interface Recipient {
  userId: string;
  email: string;
  timeZone: string;
  choice: ChannelChoice;
  smsPhone: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

interface Row {
  userId: string;
  email: string;
  timeZone: string;
  inApp: number | null;
  push: number | null;
  sms: number | null;
  emailOn: number | null;
  smsPhone: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

/** The event's audience with each member's channels for its kind and their quiet hours, in one query. */
export async function recipientsOf(env: Env, event: NotificationEvent): Promise<Recipient[]> {
  const { results } = await env.DB.prepare(
    `SELECT m.user_id AS userId, u.email AS email, coalesce(u.time_zone, t.time_zone) AS timeZone,
            p.in_app AS inApp, p.push AS push, p.sms AS sms, p.email AS emailOn,
            s.sms_phone AS smsPhone, s.quiet_start AS quietStart, s.quiet_end AS quietEnd
     FROM memberships m
     JOIN users u ON u.id = m.user_id
     JOIN tenants t ON t.id = m.tenant_id
     LEFT JOIN notification_preferences p ON p.tenant_id = m.tenant_id AND p.user_id = m.user_id AND p.kind = ?
     LEFT JOIN notification_settings s ON s.tenant_id = m.tenant_id AND s.user_id = m.user_id
     WHERE m.tenant_id = ? AND (? = 'members' OR m.role = 'owner') AND m.user_id IS NOT ?`,
  )
    .bind(event.kind, event.tenantId, event.audience ?? "members", event.actorUserId ?? null)
    .all<Row>();
  const defaults = DEFAULT_CHOICE[event.kind];
  return results.map((r) => ({
    userId: r.userId,
    email: r.email,
    timeZone: r.timeZone,
    choice: r.inApp === null ? defaults : { inApp: r.inApp === 1, push: r.push === 1, sms: r.sms === 1, email: r.emailOn === 1 },
    smsPhone: r.smsPhone,
    quietStart: r.quietStart,
    quietEnd: r.quietEnd,
  }));
}

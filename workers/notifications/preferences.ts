import type { Env } from "../env";
import { DEFAULT_CHOICE, KIND_LABELS, NOTIFICATION_KINDS, type ChannelChoice, type NotificationKind } from "./kinds";

export interface MemberPreferences {
  kinds: ({ kind: NotificationKind; label: string } & ChannelChoice)[];
  smsPhone: string | null;
  quietHours: { start: string; end: string } | null;
  timeZone: string;
}

/** One member's channels per kind (defaults where never set), alert phone, quiet hours and the time zone they are read in. */
export async function memberPreferences(env: Env, tenantId: string, userId: string): Promise<MemberPreferences> {
  const [prefs, settings] = await env.DB.batch([
    env.DB.prepare(`SELECT kind, in_app AS inApp, push, sms, email FROM notification_preferences WHERE tenant_id = ? AND user_id = ?`).bind(
      tenantId,
      userId,
    ),
    env.DB.prepare(
      `SELECT s.sms_phone AS smsPhone, s.quiet_start AS quietStart, s.quiet_end AS quietEnd, coalesce(u.time_zone, t.time_zone) AS timeZone
       FROM users u JOIN tenants t ON t.id = ? LEFT JOIN notification_settings s ON s.tenant_id = t.id AND s.user_id = u.id
       WHERE u.id = ?`,
    ).bind(tenantId, userId),
  ]);
  const chosen = new Map(
    (prefs!.results as { kind: string; inApp: number; push: number; sms: number; email: number }[]).map((r) => [r.kind, r]),
  );
  const s = settings!.results[0] as { smsPhone: string | null; quietStart: string | null; quietEnd: string | null; timeZone: string };
  return {
    kinds: NOTIFICATION_KINDS.map((kind) => {
      const row = chosen.get(kind);
      const choice = row
        ? { inApp: row.inApp === 1, push: row.push === 1, sms: row.sms === 1, email: row.email === 1 }
        : DEFAULT_CHOICE[kind];
      return { kind, label: KIND_LABELS[kind], ...choice };
    }),
    smsPhone: s.smsPhone,
    quietHours: s.quietStart && s.quietEnd ? { start: s.quietStart, end: s.quietEnd } : null,
    timeZone: s.timeZone,
  };
}

/** Saves what the member sent: the kinds listed, and the phone / quiet hours when present (null clears them). */
export async function savePreferences(
  env: Env,
  tenantId: string,
  userId: string,
  input: {
    kinds?: Partial<Record<NotificationKind, ChannelChoice>>;
    smsPhone?: string | null;
    quietHours?: { start: string; end: string } | null;
  },
  now = Date.now(),
): Promise<void> {
  const statements = Object.entries(input.kinds ?? {}).map(([kind, c]) =>
    env.DB.prepare(
      `INSERT INTO notification_preferences (tenant_id, user_id, kind, in_app, push, sms, email, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, user_id, kind) DO UPDATE SET in_app = excluded.in_app, push = excluded.push, sms = excluded.sms, email = excluded.email, updated_at = excluded.updated_at`,
    ).bind(tenantId, userId, kind, c.inApp ? 1 : 0, c.push ? 1 : 0, c.sms ? 1 : 0, c.email ? 1 : 0, now),
  );
  if (input.smsPhone !== undefined || input.quietHours !== undefined) {
    statements.push(
      env.DB.prepare(`INSERT INTO notification_settings (tenant_id, user_id, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).bind(
        tenantId,
        userId,
        now,
      ),
    );
    if (input.smsPhone !== undefined)
      statements.push(
        env.DB.prepare(`UPDATE notification_settings SET sms_phone = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?`).bind(
          input.smsPhone,
          now,
          tenantId,
          userId,
        ),
      );
    if (input.quietHours !== undefined)
      statements.push(
        env.DB.prepare(
          `UPDATE notification_settings SET quiet_start = ?, quiet_end = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?`,
        ).bind(input.quietHours?.start ?? null, input.quietHours?.end ?? null, now, tenantId, userId),
      );
  }
  if (statements.length) await env.DB.batch(statements);
}

/** Minutes a hand-off may wait unopened before the owner is alerted. */
export async function escalationMinutes(env: Env, tenantId: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT handoff_escalation_minutes AS m FROM alert_settings WHERE tenant_id = ?`)
    .bind(tenantId)
    .first<{ m: number }>();
  return row?.m ?? DEFAULT_ESCALATION_MINUTES;
}

export const DEFAULT_ESCALATION_MINUTES = 10;

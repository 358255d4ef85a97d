import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { call, expectProblem, json, signup } from "../../tests/api";
import { workspace } from "../../tests/conversations";
import { joinAs } from "../../tests/wallet";
import { fanOutNotification } from "../notifications/fan-out";
import type { NotificationEvent } from "../notifications/event";

const inbox = async (token: string, query = "") => json(await call("GET", `/api/v1/notifications${query}`, { token }));
let sequence = 0;
const event = (tenantId: string, extra: Partial<NotificationEvent> = {}): NotificationEvent => ({
  tenantId,
  key: `test:${crypto.randomUUID()}`,
  kind: "booking",
  title: `New booking ${++sequence}`,
  body: "Tue, Dec 8, 9 AM with Rosa Roofer.",
  link: "/bookings",
  at: Date.now() + sequence,
  ...extra,
});

async function pushSubscription(options: { gone?: boolean } = {}) {
  const response = await fetch(`${inject("webPushUrl")}/__subscriptions`, { method: "POST", body: JSON.stringify(options) });
  return (await response.json()) as { endpoint: string; keys: { p256dh: string; auth: string } };
}
const received = async (endpoint: string) => (await (await fetch(endpoint.replace("/push/", "/__received/"))).json()) as any[];

describe("integration: notification centre API", () => {
  it("pages newest first with a cursor, counts unread, marks by id or all — only the member's own", async () => {
    const owner = await signup();
    const agent = await joinAs(owner, "agent");
    const stranger = await signup("Other Roofing");
    for (let i = 0; i < 3; i++) await fanOutNotification(env, event(owner.tenantId));

    const first = await inbox(owner.token, "?limit=2");
    expect(first.items.map((n: any) => n.title)).toEqual([`New booking ${sequence}`, `New booking ${sequence - 1}`]);
    expect(first).toMatchObject({ unread: 3, waiting: 0 });
    const second = await inbox(owner.token, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n: any) => n.title)).toEqual([`New booking ${sequence - 2}`]);
    expect(second.nextCursor).toBeNull();

    // Another workspace neither sees nor marks them.
    expect((await inbox(stranger.token)).items).toEqual([]);
    const foreign = await json(
      await call("POST", "/api/v1/notifications/read", { token: stranger.token, body: { ids: [first.items[0].id] } }),
    );
    expect(foreign.marked).toBe(0);

    expect(
      await json(await call("POST", "/api/v1/notifications/read", { token: owner.token, body: { ids: [first.items[0].id] } })),
    ).toEqual({
      marked: 1,
      unread: 2,
    });
    expect((await inbox(owner.token, "?unread=true")).items).toHaveLength(2);
    expect(await json(await call("POST", "/api/v1/notifications/read", { token: owner.token, body: { all: true } }))).toEqual({
      marked: 2,
      unread: 0,
    });
    expect((await inbox(agent.token)).unread).toBe(3);
  });

  it("raising the same event again changes nothing", async () => {
    const owner = await signup();
    const once = event(owner.tenantId);
    await fanOutNotification(env, once);
    await fanOutNotification(env, once);
    expect((await inbox(owner.token)).items).toHaveLength(1);
  });

  it("answers bad input with a clear 400 problem", async () => {
    const { token } = await signup();
    const post = (body: unknown) => call("POST", "/api/v1/notifications/read", { token, body });
    expect((await expectProblem(await post({}), 400)).detail).toBeTruthy();
    expect((await expectProblem(await post({ ids: [] }), 400)).detail).toMatch(/at least one/);
    expect((await expectProblem(await post({ ids: ["nope"] }), 400)).detail).toMatch(/notification id/);
    expect((await expectProblem(await post({ all: false }), 400)).detail).toBeTruthy();
    expect((await expectProblem(await post({ all: true, extra: 1 }), 400)).detail).toBeTruthy();
    await expectProblem(
      await call("POST", "/api/v1/notifications/read", { token, raw: "{", headers: { "Content-Type": "application/json" } }),
      400,
    );
    expect((await expectProblem(await call("GET", "/api/v1/notifications?limit=0", { token }), 400)).detail).toMatch(/1 to 100/);
    await expectProblem(await call("GET", "/api/v1/notifications?cursor=abc", { token }), 400);
    await expectProblem(await call("GET", "/api/v1/notifications?colour=red", { token }), 400);
    const put = (body: unknown) => call("PUT", "/api/v1/notifications/preferences", { token, body });
    expect((await expectProblem(await put({ quietHours: { start: "25:00", end: "07:00" } }), 400)).detail).toMatch(/22:00/);
    expect((await expectProblem(await put({ smsPhone: "call me" }), 400)).detail).toMatch(/not a valid phone number/);
    await expectProblem(await put({ kinds: { fireworks: { inApp: true, push: true, sms: false, email: false } } }), 400);
    await expectProblem(await put({ kinds: { booking: { inApp: true } } }), 400);
    const subscribe = (body: unknown) => call("POST", "/api/v1/notifications/push/subscriptions", { token, body });
    const keys = (await pushSubscription()).keys;
    expect((await expectProblem(await subscribe({ endpoint: "http://10.1.2.3/push", keys }), 400)).detail).toMatch(/https/);
    expect(
      (await expectProblem(await subscribe({ endpoint: "https://push.example/x", keys: { p256dh: "AAAA", auth: keys.auth } }), 400)).detail,
    ).toMatch(/P-256/);
    const minutes = (handoffEscalationMinutes: unknown) =>
      call("PUT", "/api/v1/notifications/workspace", { token, body: { handoffEscalationMinutes } });
    expect((await expectProblem(await minutes(0), 400)).detail).toMatch(/1 to 1440/);
    await expectProblem(await minutes("ten"), 400);
    await expectProblem(await call("GET", "/api/v1/notifications"), 401);
  });

  it("only admins change the workspace's escalation delay; everyone reads it", async () => {
    const owner = await signup();
    const agent = await joinAs(owner, "agent");
    expect(await json(await call("GET", "/api/v1/notifications/workspace", { token: agent.token }))).toEqual({
      handoffEscalationMinutes: 10,
    });
    await expectProblem(
      await call("PUT", "/api/v1/notifications/workspace", { token: agent.token, body: { handoffEscalationMinutes: 3 } }),
      403,
    );
  });
});

describe("integration: channels each member chose", () => {
  it("pushes through the push service (VAPID-signed, RFC 8291-encrypted) and forgets a subscription the service dropped", async () => {
    const owner = await signup();
    const live = await pushSubscription();
    const dropped = await pushSubscription({ gone: true });
    for (const subscription of [live, dropped])
      expect(
        (
          await call("POST", "/api/v1/notifications/push/subscriptions", {
            token: owner.token,
            body: { ...subscription, expirationTime: null },
          })
        ).status,
      ).toBe(201);

    await fanOutNotification(env, event(owner.tenantId, { kind: "needs_person", title: "Maria needs a person", body: "“agent please”" }));

    const [message] = await received(live.endpoint);
    expect(message.vapidKey).toBe(env.VAPID_PUBLIC_KEY);
    expect(message.urgency).toBe("high");
    expect(message.payload).toMatchObject({ kind: "needs_person", title: "Maria needs a person", body: "“agent please”", readAt: null });
    const left = await env.DB.prepare(`SELECT endpoint FROM push_subscriptions WHERE tenant_id = ?`).bind(owner.tenantId).all();
    expect(left.results).toEqual([{ endpoint: live.endpoint }]);
    const pushed = await env.DB.prepare(`SELECT pushed_at FROM notifications WHERE tenant_id = ?`)
      .bind(owner.tenantId)
      .first<{ pushed_at: number }>();
    expect(pushed?.pushed_at).toBeGreaterThan(0);
  });

  it("texts and emails members who asked for it, keeps in-app off when turned off, and holds all but in-app in quiet hours", async () => {
    const ws = await workspace();
    const put = await call("PUT", "/api/v1/notifications/preferences", {
      token: ws.token,
      body: { kinds: { booking: { inApp: false, push: true, sms: true, email: true } }, smsPhone: "(512) 555-0177" },
    });
    const prefs = await json(put);
    expect(prefs.smsPhone).toBe("+15125550177");
    expect(prefs.kinds.find((k: any) => k.kind === "booking")).toMatchObject({ inApp: false, push: true, sms: true, email: true });
    const subscription = await pushSubscription();
    await call("POST", "/api/v1/notifications/push/subscriptions", { token: ws.token, body: subscription });

    const booked = event(ws.tenantId);
    await fanOutNotification(env, booked);
    const outbox = await env.DB.prepare(
      `SELECT channel, recipient, billable FROM outbox WHERE tenant_id = ? AND idempotency_key LIKE ? ORDER BY channel`,
    )
      .bind(ws.tenantId, `notify:${booked.key}:%`)
      .all();
    expect(outbox.results).toEqual([
      { channel: "email", recipient: ws.email, billable: 0 },
      { channel: "sms", recipient: "+15125550177", billable: 1 },
    ]);
    expect((await inbox(ws.token)).items).toEqual([]);
    expect(await received(subscription.endpoint)).toHaveLength(1);

    // Quiet all day long on the member's clock: only the bell (in-app) still rings.
    await call("PUT", "/api/v1/notifications/preferences", {
      token: ws.token,
      body: { kinds: { booking: { inApp: true, push: true, sms: true, email: true } }, quietHours: { start: "00:00", end: "23:59" } },
    });
    const quiet = event(ws.tenantId, { at: Date.UTC(2026, 11, 3, 12, 0) });
    await fanOutNotification(env, quiet);
    expect((await inbox(ws.token)).items.map((n: any) => n.title)).toEqual([quiet.title]);
    expect(await received(subscription.endpoint)).toHaveLength(1);
    const held = await env.DB.prepare(`SELECT count(*) AS n FROM outbox WHERE tenant_id = ? AND idempotency_key LIKE ?`)
      .bind(ws.tenantId, `notify:${quiet.key}:%`)
      .first<{ n: number }>();
    expect(held?.n).toBe(0);
  });
});

import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { call, json } from "../../tests/api";
import { postWhatsApp, settle, thread, whatsappText, workspace } from "../../tests/conversations";
import { addDays, utcToZoned, zonedToUtc } from "../booking/zoned-time";
import { reassignStaleLeads } from "./stale-leads";
import { remindPastDueJobs } from "./past-due";
import { sendDailyAgendas } from "./daily-agenda";

const HOUR = 3_600_000;
const textsTo = (phone: string) =>
  env.DB.prepare("SELECT body FROM outbox WHERE recipient = ? ORDER BY created_at, id")
    .bind(phone)
    .all<{ body: string }>()
    .then((r) => r.results.map((x) => x.body));
const activeAssignment = (leadId: string) =>
  env.DB.prepare("SELECT pro_id AS proId, reason FROM assignments WHERE lead_id = ? AND status = 'active'")
    .bind(leadId)
    .first<{ proId: string; reason: string }>();

describe("integration: safety-net crons", () => {
  it("stale leads go to the next best pro (assigned or not), and a second run changes nothing", async () => {
    const ws = await workspace();
    const second = await json(
      await call("POST", "/api/v1/pros", {
        token: ws.token,
        body: {
          name: "Paula Pipes",
          phone: "+15125550113",
          trades: ["plumbing"],
          postcodes: ["78704"],
          timeZone: "America/Chicago",
          hours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "00:00", end: "24:00" })),
          minNoticeMinutes: 0,
        },
      }),
    );
    await postWhatsApp(whatsappText(ws, "15125550150", "Leaking pipe under the sink at 8 Bay St 78704. I'm Jo, no rush"));
    await settle();
    const routed = await thread(ws, "15125550150");
    const first = await activeAssignment(routed.leadId);
    expect([ws.pros.plumber.id, second.id]).toContain(first!.proId);
    const unassigned = await json(
      await call("POST", "/api/v1/leads", {
        token: ws.token,
        body: { name: "Sam Sink", phone: "+15125550151", source: "sms", trade: "plumbing", postcode: "78704" },
      }),
    );
    await env.DB.prepare("UPDATE leads SET created_at = created_at - ? WHERE tenant_id = ?").bind(HOUR, ws.tenantId).run();
    await env.DB.prepare("UPDATE assignments SET assigned_at = assigned_at - ? WHERE tenant_id = ?").bind(HOUR, ws.tenantId).run();

    const now = Date.now();
    expect(await reassignStaleLeads(env, now)).toEqual({ reassigned: 2, unmatched: 0 });
    const moved = await activeAssignment(routed.leadId);
    expect(moved!.proId).not.toBe(first!.proId);
    expect(moved!.reason).toMatch(/^Reassigned: not picked up within 30 min\. Serves plumbing/);
    expect((await activeAssignment(unassigned.id))!.reason).toMatch(/^Assigned by the safety net/);
    const movedPhone = moved!.proId === second.id ? "+15125550113" : "+15125550111";
    expect((await textsTo(movedPhone)).filter((t) => t.startsWith("New job for you: plumbing for Jo"))).toHaveLength(1);

    expect(await reassignStaleLeads(env, now)).toEqual({ reassigned: 0, unmatched: 0 });
    expect(await reassignStaleLeads(env, now + 10 * 60_000)).toEqual({ reassigned: 0, unmatched: 0 });
  });

  it("past-due jobs: one reminder each, however often the cron fires", async () => {
    const ws = await workspace();
    const slot = (await json(await call("GET", `/api/v1/pros/${ws.pros.roofer.id}/slots?limit=1`, { token: ws.token }))).items[0];
    const booking = await json(
      await call("POST", "/api/v1/bookings", {
        token: ws.token,
        body: {
          proId: ws.pros.roofer.id,
          start: slot.start,
          customerName: "Lou",
          customerPhone: "+15125550100",
          address: "1 Main St, Austin",
          trade: "roofing",
        },
      }),
    );
    await env.DB.prepare("UPDATE bookings SET starts_at = starts_at - ?, ends_at = ends_at - ? WHERE id = ?")
      .bind(48 * HOUR, 48 * HOUR, booking.id)
      .run();
    const now = Date.now();
    expect((await remindPastDueJobs(env, now)).reminded).toBeGreaterThanOrEqual(1);
    expect(await remindPastDueJobs(env, now)).toEqual({ reminded: 0 });
    expect((await textsTo("+15125550112")).filter((t) => t.startsWith("Reminder: roofing for Lou"))).toHaveLength(1);
  });

  it("the 08:00 agenda follows each pro's own clock and goes once a day", async () => {
    const ws = await workspace();
    const created = await call("POST", "/api/v1/pros", {
      token: ws.token,
      body: { name: "Lottie London", phone: "+447911123456", trades: ["renovation"], cities: ["London"], timeZone: "Europe/London" },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const pro = await json(created);
    const day = addDays(utcToZoned("Europe/London", Date.now()).date, 1);
    const start = zonedToUtc("Europe/London", day, 10 * 60);
    await env.DB.prepare(
      "INSERT INTO bookings (id, tenant_id, pro_id, starts_at, ends_at, time_zone, status, customer_name, trade, address, created_at, updated_at) VALUES ('bkg_agenda', ?, ?, ?, ?, 'Europe/London', 'confirmed', 'Hana', 'renovation', '14 Heath St', 0, 0)",
    )
      .bind(ws.tenantId, pro.id, start, start + HOUR)
      .run();
    expect(await sendDailyAgendas(env, zonedToUtc("Europe/London", day, 7 * 60 + 55))).toEqual({ sent: 0 });
    const eight = zonedToUtc("Europe/London", day, 8 * 60 + 5);
    expect((await sendDailyAgendas(env, eight)).sent).toBeGreaterThanOrEqual(1);
    expect(await sendDailyAgendas(env, eight + 10 * 60_000)).toEqual({ sent: 0 });
    const texts = await textsTo("+447911123456");
    expect(texts).toEqual([`Good morning Lottie! Today (${day}): 1 job.\n10:00 AM renovation, Hana, 14 Heath St`]);
  });

  it("the 30-minute trigger runs the reminders", async () => {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/30 * * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await remindPastDueJobs(env)).toEqual({ reminded: 0 });
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "../../tests/api";
import { postTwilio, postWhatsApp, replies, settle, smsParams, thread, whatsappText, workspace } from "../../tests/conversations";

const outboxTo = (recipient: string) =>
  env.DB.prepare("SELECT body, status, provider FROM outbox WHERE recipient = ? ORDER BY created_at, id")
    .bind(recipient)
    .all<{ body: string; status: string; provider: string }>()
    .then((r) => r.results);

// Multi-turn flows take a few seconds on a busy machine, hence the longer timeouts.
describe("integration: WhatsApp conversation with the local engine", () => {
  it("emergency leak → lead (hot) → matched pro → slots → booked → customer and pro notified", async () => {
    const ws = await workspace();
    const customer = "15125550177";
    const say = async (text: string) => {
      expect((await postWhatsApp(whatsappText(ws, customer, text))).status).toBe(200);
      await settle();
      return replies(await thread(ws, customer)).at(-1)!;
    };

    expect(await say("Water is pouring through my kitchen ceiling!")).toMatch(/urgent.*address/is);
    expect(await say("12 Oak Street, Austin 78704")).toMatch(/slot|time|Which suits you/i);
    const t = await thread(ws, customer);
    expect(t.stage).toBe("offering");
    const offer = t.messages.at(-1);
    expect(offer.kind).toBe("interactive");
    expect(offer.payload.interactive.action.buttons).toHaveLength(3);
    expect(offer.simulated).toBe(true);

    expect(await say("2")).toMatch(/^Booked: .* with Pat Plumber/);
    const booked = await thread(ws, customer);
    expect(booked.stage).toBe("booked");
    expect(booked.bookingId).toBeTruthy();

    const lead = await json(await call("GET", `/api/v1/leads/${booked.leadId}`, { token: ws.token }));
    expect(lead).toMatchObject({
      source: "whatsapp",
      status: "booked",
      trade: "plumbing",
      postcode: "78704",
      phone: "+15125550177",
      name: "Maria Garcia",
      hot: true,
    });
    expect(lead.description).toContain("pouring through my kitchen ceiling");

    const pro = await json(await call("GET", `/api/v1/pros/${ws.pros.plumber.id}`, { token: ws.token }));
    expect(pro.activeJobs).toBe(1);
    const jobs = await json(await call("GET", `/api/v1/pros/${ws.pros.plumber.id}/jobs`, { token: ws.token }));
    expect(jobs.items[0]).toMatchObject({ leadId: lead.id, reason: expect.stringContaining("Serves plumbing, covers postcode 787") });

    const proTexts = await outboxTo("+15125550111");
    expect(proTexts).toHaveLength(1);
    expect(proTexts[0]).toMatchObject({ status: "simulated", provider: "local" });
    expect(proTexts[0]!.body).toMatch(/^New booking: .*plumbing for Maria Garcia at 12 Oak Street.*Customer: \+15125550177/);

    const bookings = await json(await call("GET", `/api/v1/bookings?proId=${ws.pros.plumber.id}`, { token: ws.token }));
    expect(bookings.items.map((b: any) => b.id)).toContain(booked.bookingId);
  }, 20_000);

  it("reschedules and cancels by message, and hands over on 'agent'", async () => {
    const ws = await workspace();
    const customer = "15125550178";
    const say = async (text: string) => {
      await postWhatsApp(whatsappText(ws, customer, text));
      await settle();
      return replies(await thread(ws, customer)).at(-1)!;
    };
    await say("Hi I'm Tom, my roof is leaking at 5 Elm Road, Austin. It's an emergency");
    expect(await say("1")).toMatch(/^Booked: .* with Rosa Roofer/);
    const first = (await thread(ws, customer)).bookingId;
    expect(await say("Can I reschedule?")).toMatch(/another time/);
    expect(await say("3")).toMatch(/^Moved to .* with Rosa Roofer/);
    const second = (await thread(ws, customer)).bookingId;
    expect(second).not.toBe(first);
    const old = await json(await call("GET", `/api/v1/bookings/${first}`, { token: ws.token }));
    expect(old.status).toBe("cancelled");
    expect(await say("please cancel the booking")).toMatch(/is cancelled/);
    expect((await json(await call("GET", `/api/v1/bookings/${second}`, { token: ws.token }))).status).toBe("cancelled");
    expect(await say("I want to talk to a human")).toMatch(/member of our team/);
    expect((await thread(ws, customer)).mode).toBe("human");
    const before = replies(await thread(ws, customer)).length;
    await say("hello?");
    expect(replies(await thread(ws, customer))).toHaveLength(before); // the AI stays quiet
  }, 20_000);

  it("duplicates of one message have exactly one effect", async () => {
    const ws = await workspace();
    const body = whatsappText(ws, "15125550179", "Burst pipe, water everywhere", "wamid.duplicate-1");
    for (let i = 0; i < 3; i++) expect((await postWhatsApp(body)).status).toBe(200);
    await settle();
    const t = await thread(ws, "15125550179");
    expect(t.messages.filter((m: any) => m.direction === "in")).toHaveLength(1);
    expect(replies(t)).toHaveLength(1);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM leads WHERE tenant_id = ?").bind(ws.tenantId).first<{ n: number }>())!.n).toBe(
      1,
    );
  }, 20_000);
});

describe("integration: SMS conversation, STOP and START", () => {
  it("numbered slots over SMS; STOP records an opt-out and nothing more is sent; START re-subscribes", async () => {
    const ws = await workspace();
    const customer = "+15125550180";
    const sms = async (text: string) => {
      expect((await postTwilio(smsParams(ws, customer, text))).status).toBe(200);
      await settle();
      return thread(ws, customer);
    };
    let t = await sms("My name is Ana. Blocked drain at 40 Lamar Blvd 78704, no rush");
    expect(t.channel).toBe("sms");
    expect(replies(t).at(-1)).toMatch(/1\) .*\n2\) .*\n3\) .*\nReply with a number\./);
    t = await sms("STOP");
    const consent = await env.DB.prepare("SELECT action, keyword FROM consent_events WHERE tenant_id = ? AND address = ?")
      .bind(ws.tenantId, customer)
      .all();
    expect(consent.results).toEqual([{ action: "opt_out", keyword: "STOP" }]);
    const sentBefore = replies(t).length;
    t = await sms("1");
    expect(replies(t)).toHaveLength(sentBefore);
    const reply = await call("POST", `/api/v1/conversations/${t.id}/messages`, { token: ws.token, body: { text: "Are you still there?" } });
    expect(reply.status).toBe(409);
    t = await sms("START");
    expect(replies(t).at(-1)).toMatch(/subscribed again/);
    expect((await call("POST", `/api/v1/conversations/${t.id}/messages`, { token: ws.token, body: { text: "Welcome back" } })).status).toBe(
      201,
    );
  }, 20_000);
});

import { describe, expect, it, vi } from "vitest";
import { call, json } from "../../tests/api";
import {
  demoWorkspace,
  postTwilio,
  postWhatsApp,
  replies,
  settle,
  smsParams,
  thread,
  uniqueDigits,
  whatsappText,
  type Workspace,
} from "../../tests/conversations";
import { phoneCall } from "../../tests/voice";
import { findAll, type parseXml } from "../../tests/xml";
import { env } from "cloudflare:workers";

// Multi-turn flows take a few seconds on a busy machine, hence the longer timeouts.
// The README's flows, word for word, against the pros `npm start` seeds: each ends booked.

const whatsapp = (ws: Workspace, customer: string) => async (text: string) => {
  expect((await postWhatsApp(whatsappText(ws, customer, text))).status).toBe(200);
  await settle();
  return replies(await thread(ws, customer)).at(-1)!;
};
const leadOf = async (ws: Workspace, customer: string) =>
  json(await call("GET", `/api/v1/leads/${(await thread(ws, customer)).leadId}`, { token: ws.token }));
const jobsOf = async (ws: Workspace, proId: string) =>
  (await json(await call("GET", `/api/v1/pros/${proId}/jobs`, { token: ws.token }))).items;

describe("integration: the README's flows on the demo network end booked", () => {
  it("WhatsApp: 'my roof is leaking', then '14 Barton Skyway, Austin 78704', then '1'", async () => {
    const ws = await demoWorkspace();
    const say = whatsapp(ws, "15125550100");
    expect(await say("my roof is leaking")).toMatch(/urgent.*address/is);
    expect(await say("14 Barton Skyway, Austin 78704")).toMatch(/Jess Thornton can come/);
    expect(await say("1")).toMatch(/^Booked: .* with Jess Thornton/);
    const lead = await leadOf(ws, "15125550100");
    expect(lead).toMatchObject({ status: "booked", trade: "roofing", address: "14 Barton Skyway", city: "Austin", postcode: "78704" });
    expect(lead.lat).toBeCloseTo(30.243, 2);
    const [job] = await jobsOf(ws, ws.pros.roofer.id);
    expect(job.reason).toMatch(/^Serves roofing, covers Austin; 0 of 3 active jobs/);
  }, 20_000);

  it("WhatsApp: the README's plumbing emergency, word for word", async () => {
    const ws = await demoWorkspace();
    const say = whatsapp(ws, "15125550100");
    expect(await say("water is pouring through my ceiling")).toMatch(/urgent.*address/is);
    expect(await say("14 Barton Skyway, Austin 78704")).toMatch(/can come at one of these times/);
    expect(await say("1")).toMatch(/^Booked: .* with (Lena Park|Marco Alvarez)/);
  }, 20_000);

  it("SMS: 'Hi, I'm Carla. AC is dead, 300 Congress Ave 78701', then 'no', then '1'", async () => {
    const ws = await demoWorkspace();
    const customer = `+1512${uniqueDigits(7)}`;
    const sms = async (text: string) => {
      expect((await postTwilio(smsParams(ws, customer, text))).status).toBe(200);
      await settle();
      return replies(await thread(ws, customer)).at(-1)!;
    };
    expect(await sms("Hi, I'm Carla. AC is dead, 300 Congress Ave 78701")).toMatch(/emergency/);
    expect(await sms("no")).toMatch(/Dwayne Carter can come[\s\S]*1\) /);
    expect(await sms("1")).toMatch(/^Booked: .* with Dwayne Carter/);
    expect(await leadOf(ws, customer)).toMatchObject({ name: "Carla", address: "300 Congress Ave", city: "Austin", postcode: "78701" });
  }, 20_000);

  it("Gather call: the simulator's script, and the same address spoken in words", async () => {
    const ws = await demoWorkspace();
    await env.DB.prepare("INSERT INTO voice_settings (tenant_id, voice_mode, updated_at) VALUES (?, 'gather', ?)")
      .bind(ws.tenantId, Date.now())
      .run();
    const spoken = (doc: ReturnType<typeof parseXml>) =>
      findAll(findAll(doc, "Gather")[0] ?? doc, "Say")
        .map((s) => s.text)
        .join(" ");
    for (const address of ["14 Barton Skyway, Austin 78704", "fourteen Barton Skyway Austin seven eight seven oh four"]) {
      const c = phoneCall(ws);
      await c.start();
      expect(spoken(await c.say("Water is pouring through my kitchen ceiling"))).toMatch(/address/i);
      expect(spoken(await c.say(address))).toMatch(/name/i);
      expect(spoken(await c.say("Maria Garcia"))).toMatch(/Say 1 for/);
      expect(spoken(await c.say("The first one"))).toMatch(/^Booked: .* with (Lena Park|Marco Alvarez)/);
      const row = await env.DB.prepare("SELECT id, lead_id FROM calls WHERE call_sid = ?")
        .bind(c.CallSid)
        .first<{ id: string; lead_id: string }>();
      const lead = await json(await call("GET", `/api/v1/leads/${row!.lead_id}`, { token: ws.token }));
      expect(lead).toMatchObject({ address: "14 Barton Skyway", city: "Austin", postcode: "78704", status: "booked" });
      // The call's summary names the street, not just the ZIP.
      expect((await c.end(60)).status).toBe(200);
      const done = await vi.waitFor(async () => {
        const detail = await json(await call("GET", `/api/v1/calls/${row!.id}`, { token: ws.token }));
        if (!detail.summary) throw new Error("no summary yet");
        return detail;
      });
      expect(done.summary).toMatch(/job at 14 Barton Skyway, Austin, 78704 for Maria Garcia/);
    }
  }, 20_000);

  it("a job outside the roofer's cities but within 40 km is matched by distance, and says how it was located", async () => {
    const ws = await demoWorkspace();
    const say = whatsapp(ws, `1512${uniqueDigits(7)}`);
    await say("hail damage on my roof, it's leaking");
    expect(await say("1200 Cypress Creek Rd, Cedar Park TX 78613")).toMatch(/Jess Thornton can come/);
    const [job] = await jobsOf(ws, ws.pros.roofer.id);
    expect(job.reason).toMatch(/\d+\.\d km from base \(radius 40 km; job located by ZIP 78613 centroid\)/);
  }, 20_000);

  it("a location pin with only coordinates becomes the nearest known address, not numbers", async () => {
    const ws = await demoWorkspace();
    const customer = `1512${uniqueDigits(7)}`;
    const say = whatsapp(ws, customer);
    await say("my roof is leaking");
    const pin = JSON.parse(whatsappText(ws, customer, ""));
    const message = pin.entry[0].changes[0].value.messages[0];
    delete message.text;
    Object.assign(message, { type: "location", location: { latitude: 30.2672, longitude: -97.8 } });
    expect((await postWhatsApp(JSON.stringify(pin))).status).toBe(200);
    await settle();
    expect(replies(await thread(ws, customer)).at(-1)).toMatch(/Jess Thornton can come/);
    const lead = await leadOf(ws, customer);
    expect(lead.address).toMatch(/^Near Austin, TX 787\d\d$/);
    expect(lead.address).not.toMatch(/30\.26/);
    expect(lead).toMatchObject({ city: "Austin", lat: 30.2672, lng: -97.8 });
  }, 20_000);
});

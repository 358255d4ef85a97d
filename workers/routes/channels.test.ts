import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json } from "../../tests/api";
import { replies, settle, thread, workspace } from "../../tests/conversations";
import { requeueStuckInboundEvents } from "../crons/inbound-recovery";

describe("integration: channel settings, test panel, pros validation", () => {
  it("a number belongs to one workspace; agents cannot manage channels", async () => {
    const ws = await workspace();
    const other = await workspace("Other Plumbing");
    await expectProblem(
      await call("POST", "/api/v1/channels", {
        token: other.token,
        body: { kind: "whatsapp", address: ws.whatsapp.phoneNumberId, displayNumber: "+1 512 555 0199" },
      }),
      409,
    );
    await expectProblem(
      await call("POST", "/api/v1/channels", { token: ws.token, body: { kind: "sms", address: "5125550100", displayNumber: "x" } }),
      400,
    );
    const settings = await json(await call("GET", "/api/v1/channels", { token: ws.token }));
    expect(settings.configured).toMatchObject({
      whatsappAppSecret: true,
      twilioAuthToken: true,
      twilioSending: false,
      whatsappSending: false,
    });
    expect(settings.webhooks.whatsapp).toBe("http://localhost:8787/webhooks/whatsapp");
    const invite = await json(
      await call("POST", "/api/v1/invites", { token: ws.token, body: { email: `agent-${Date.now()}@example.com`, role: "agent" } }),
    );
    const token = new URL(invite.acceptUrl).hash.replace("#token=", "");
    const agent = await json(
      await call("POST", "/api/v1/auth/accept-invite", { body: { token, name: "Ada Agent", password: "a long enough password" } }),
    );
    await expectProblem(await call("GET", "/api/v1/channels", { token: agent.accessToken }), 403);
  });

  it("the test panel plays a message through the signed webhook path for WhatsApp and SMS", async () => {
    const ws = await workspace();
    const played = await call("POST", `/api/v1/channels/${ws.whatsapp.id}/test`, {
      token: ws.token,
      body: { from: "+15125550170", text: "My roof is leaking" },
    });
    expect(played.status).toBe(202);
    expect(await json(played)).toMatchObject({ accepted: true, contact: "15125550170" });
    expect(
      (await call("POST", `/api/v1/channels/${ws.sms.id}/test`, { token: ws.token, body: { from: "+15125550171", text: "Blocked drain" } }))
        .status,
    ).toBe(202);
    await settle();
    expect(replies(await thread(ws, "15125550170"))[0]).toMatch(/urgent.*address/is);
    expect((await thread(ws, "+15125550171")).channel).toBe("sms");
  });

  it("a stored event whose queue message was lost is queued again by the cron", async () => {
    const ws = await workspace();
    await env.DB.prepare(
      "INSERT INTO inbound_events (id, tenant_id, channel_id, provider, content_type, body, received_at) VALUES ('evt_lost', ?, ?, 'whatsapp', 'application/json', '{}', ?)",
    )
      .bind(ws.tenantId, ws.whatsapp.id, Date.now() - 3_600_000)
      .run();
    expect((await requeueStuckInboundEvents(env)).requeued).toBeGreaterThanOrEqual(1);
  });

  it("pros: validation of zones, hours and phones; deleting a pro with bookings is refused", async () => {
    const ws = await workspace();
    const bad = await expectProblem(
      await call("POST", "/api/v1/pros", {
        token: ws.token,
        body: {
          name: "X",
          phone: "+15125550100",
          trades: ["plumbing"],
          timeZone: "Mars/Olympus",
          hours: [{ weekday: 0, start: "17:00", end: "09:00" }],
        },
      }),
      400,
    );
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(["hours.0", "timeZone"]);
    await expectProblem(
      await call("POST", "/api/v1/pros", { token: ws.token, body: { name: "X", phone: "12", trades: ["plumbing"], timeZone: "UTC" } }),
      400,
    );
    const patched = await json(
      await call("PATCH", `/api/v1/pros/${ws.pros.roofer.id}`, {
        token: ws.token,
        body: { postcodes: ["nw3 4ab"], overrides: [{ date: "2030-01-01" }] },
      }),
    );
    expect(patched).toMatchObject({ postcodes: ["NW34AB"], cities: ["austin"], overrides: [{ date: "2030-01-01" }] });
    const slot = (await json(await call("GET", `/api/v1/pros/${ws.pros.roofer.id}/slots?limit=1`, { token: ws.token }))).items[0];
    await call("POST", "/api/v1/bookings", {
      token: ws.token,
      body: {
        proId: ws.pros.roofer.id,
        start: slot.start,
        customerName: "Kay",
        customerPhone: "+15125550100",
        address: "1 Main St, Austin",
      },
    });
    await expectProblem(await call("DELETE", `/api/v1/pros/${ws.pros.roofer.id}`, { token: ws.token }), 409);
    expect((await call("DELETE", `/api/v1/pros/${ws.pros.plumber.id}`, { token: ws.token })).status).toBe(204);
  });
});

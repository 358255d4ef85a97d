import { describe, expect, it } from "vitest";
import { call, createLead, expectProblem, json } from "../../tests/api";
import { workspace } from "../../tests/conversations";

describe("integration: who a booking is for", () => {
  it("refuses a booking without a lead or a reachable customer, and fills a lead's booking from the lead", async () => {
    const ws = await workspace();
    const slots = (await json(await call("GET", `/api/v1/pros/${ws.pros.plumber.id}/slots?limit=2`, { token: ws.token }))).items;
    const book = (body: Record<string, unknown>) =>
      call("POST", "/api/v1/bookings", { token: ws.token, body: { proId: ws.pros.plumber.id, start: slots[0].start, ...body } });

    const bare = await expectProblem(await book({ customerPhone: "555" }), 400);
    expect(bare.errors.map((e: { field: string }) => e.field)).toEqual(["customerName", "customerPhone", "address"]);
    expect(bare.errors[1].message).toMatch(/country code, e\.g\. \+1 512 555 0100/);
    await expectProblem(await book({ customerName: "Kay", customerPhone: "+1 512 555 0100", address: "somewhere" }), 400);
    await expectProblem(await book({ leadId: "lead_not_here" }), 400);

    const lead = await createLead(ws.token, { name: "Rosa Delgado", phone: "+15125550142", address: "14 Barton Skyway", city: "Austin" });
    const booked = await json(await book({ leadId: lead.id }));
    expect(booked).toMatchObject({
      leadId: lead.id,
      customerName: "Rosa Delgado",
      customerPhone: "+15125550142",
      address: "14 Barton Skyway, Austin",
    });
    const ofLead = await json(await call("GET", `/api/v1/bookings?leadId=${lead.id}`, { token: ws.token }));
    expect(ofLead.items.map((b: { id: string }) => b.id)).toEqual([booked.id]);
    const stranger = await json(
      await call("POST", "/api/v1/bookings", {
        token: ws.token,
        body: {
          proId: ws.pros.plumber.id,
          start: slots[1].start,
          customerName: "Kay",
          customerPhone: "(512) 555-0100",
          address: "1 Main St, Austin",
        },
      }),
    );
    expect(stranger.customerPhone).toBe("+15125550100");
  });

  it("cancelling needs a reason", async () => {
    const ws = await workspace();
    const slot = (await json(await call("GET", `/api/v1/pros/${ws.pros.plumber.id}/slots?limit=1`, { token: ws.token }))).items[0];
    const booking = await json(
      await call("POST", "/api/v1/bookings", {
        token: ws.token,
        body: { proId: ws.pros.plumber.id, start: slot.start, customerName: "Kay", customerPhone: "+15125550100", address: "1 Main St" },
      }),
    );
    const missing = await expectProblem(await call("POST", `/api/v1/bookings/${booking.id}/cancel`, { token: ws.token, body: {} }), 400);
    expect(missing.errors[0].field).toBe("reason");
    const cancelled = await call("POST", `/api/v1/bookings/${booking.id}/cancel`, { token: ws.token, body: { reason: "Pro is ill" } });
    expect((await json(cancelled)).status).toBe("cancelled");
  });
});

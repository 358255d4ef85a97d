import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "../tests/api";
import { workspace } from "../tests/conversations";
import { bookSlot } from "../workers/booking/book";

describe("integration: booking is serialized per pro", () => {
  it("50 concurrent attempts on one slot: exactly one booking, 49 clear refusals with alternatives", async () => {
    const ws = await workspace();
    const slots = await json(await call("GET", `/api/v1/pros/${ws.pros.plumber.id}/slots?limit=5`, { token: ws.token }));
    const start = slots.items[1].start;
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call("POST", "/api/v1/bookings", {
          token: ws.token,
          body: {
            proId: ws.pros.plumber.id,
            start,
            customerName: `Racer ${i}`,
            customerPhone: "+15125550100",
            address: "1 Main St, Austin",
          },
        }),
      ),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const refusal = await json(attempts.find((r) => r.status === 409)!);
    expect(refusal.detail).toMatch(/^Not booked: that time is no longer free\./);
    expect(refusal.alternatives.length).toBeGreaterThan(0);
    expect(refusal.alternatives.map((a: { start: string }) => a.start)).not.toContain(start);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM bookings WHERE pro_id = ? AND status = 'confirmed'")
      .bind(ws.pros.plumber.id)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
  });

  it("without the object, the unique index still refuses the second of two simultaneous writes", async () => {
    const ws = await workspace();
    const slots = await json(await call("GET", `/api/v1/pros/${ws.pros.roofer.id}/slots?limit=1`, { token: ws.token }));
    const start = Date.parse(slots.items[0].start);
    const results = await Promise.all(
      [0, 1, 2].map((i) =>
        bookSlot(env, {
          tenantId: ws.tenantId,
          proId: ws.pros.roofer.id,
          start,
          customerName: `Direct ${i}`,
          customerPhone: "+15125550100",
          address: "1 Main St, Austin",
        }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.alternatives.length > 0)).toBe(true);
  });

  it("reschedule is cancel + create in one write; cancel frees the slot; another tenant's pro does not exist", async () => {
    const ws = await workspace();
    const other = await workspace("Other Co");
    const slots = (await json(await call("GET", `/api/v1/pros/${ws.pros.plumber.id}/slots?limit=3`, { token: ws.token }))).items;
    const booked = await json(
      await call("POST", "/api/v1/bookings", {
        token: ws.token,
        body: {
          proId: ws.pros.plumber.id,
          start: slots[0].start,
          customerName: "Ann",
          customerPhone: "+15125550100",
          address: "1 Main St, Austin",
        },
      }),
    );
    const moved = await call("POST", `/api/v1/bookings/${booked.id}/reschedule`, { token: ws.token, body: { start: slots[2].start } });
    expect(moved.status).toBe(200);
    const next = await json(moved);
    expect(next).toMatchObject({ rescheduledFrom: booked.id, status: "confirmed", start: slots[2].start });
    expect((await json(await call("GET", `/api/v1/bookings/${booked.id}`, { token: ws.token }))).status).toBe("cancelled");
    expect(
      (await call("POST", `/api/v1/bookings/${next.id}/cancel`, { token: ws.token, body: { reason: "The customer fixed it" } })).status,
    ).toBe(200);
    expect(
      (
        await call("POST", "/api/v1/bookings", {
          token: ws.token,
          body: {
            proId: ws.pros.plumber.id,
            start: slots[2].start,
            customerName: "Ben",
            customerPhone: "+15125550100",
            address: "1 Main St, Austin",
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call("POST", "/api/v1/bookings", {
          token: other.token,
          body: {
            proId: ws.pros.plumber.id,
            start: slots[1].start,
            customerName: "Eve",
            customerPhone: "+15125550100",
            address: "1 Main St, Austin",
          },
        })
      ).status,
    ).toBe(404);
    const proTexts = await env.DB.prepare("SELECT body FROM outbox WHERE tenant_id = ? AND recipient = '+15125550111' ORDER BY created_at")
      .bind(ws.tenantId)
      .all<{ body: string }>();
    expect(proTexts.results.map((r) => r.body.split(":")[0])).toEqual(["New booking", "Rescheduled", "Cancelled", "New booking"]);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "../../tests/api";
import { workspace } from "../../tests/conversations";
import { leadAccess } from "./lead-sync";
import { initialState } from "./state";
import { conversationTools } from "./tools";

const ctx = { waitUntil: (p: Promise<unknown>) => void p.catch(() => undefined) };

async function toolsFor(tenantId: string) {
  const state = initialState({
    conversationId: "cnv_tools",
    tenantId,
    channelId: "chn_x",
    channel: "whatsapp",
    contactAddress: "15125550140",
    contactPhone: "+15125550140",
    contactName: "Tess",
  });
  const leads = await leadAccess(env, tenantId, "whatsapp");
  return { state, tools: conversationTools({ env, ctx, state, leads, now: Date.now }) };
}

describe("integration: engine tools act only inside the caller's tenant", () => {
  it("slots come from the tenant's own pros; another tenant's pro, slot or booking cannot be touched", async () => {
    const a = await workspace("Tenant A Plumbing");
    const b = await workspace("Tenant B Roofing");
    // A has no roofer serving 78704 any more; B has one.
    await call("PATCH", `/api/v1/pros/${a.pros.roofer.id}`, { token: a.token, body: { active: false } });
    const { state, tools } = await toolsFor(a.tenantId);
    await tools.saveJobDetails({
      trade: "roofing",
      address: "1 Main St",
      city: "Austin",
      postcode: "78704",
      name: "Tess",
      urgency: "soon",
    });
    expect(await tools.findAvailableSlots()).toEqual({ ok: false, problem: expect.stringContaining("No pro can take this job") });

    const bSlots = (await json(await call("GET", `/api/v1/pros/${b.pros.roofer.id}/slots?limit=1`, { token: b.token }))).items;
    state.offered = [
      {
        id: "s1",
        proId: b.pros.roofer.id,
        proName: "Rosa Roofer",
        start: Date.parse(bSlots[0].start),
        end: Date.parse(bSlots[0].end),
        label: bSlots[0].label,
      },
    ];
    const forged = await tools.bookSlot("s1");
    expect(forged).toMatchObject({ ok: false, reason: "that pro is not available for booking." });
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM bookings WHERE pro_id = ?").bind(b.pros.roofer.id).first<{ n: number }>())!.n,
    ).toBe(0);

    const bBooking = await json(
      await call("POST", "/api/v1/bookings", {
        token: b.token,
        body: {
          proId: b.pros.roofer.id,
          start: bSlots[0].start,
          customerName: "Bob",
          customerPhone: "+15125550100",
          address: "1 Main St, Austin",
        },
      }),
    );
    state.booking = { id: bBooking.id, label: "x", proName: "Rosa Roofer" };
    expect(await tools.cancelBooking()).toEqual({ ok: false, detail: "That booking was already cancelled." });
    expect((await json(await call("GET", `/api/v1/bookings/${bBooking.id}`, { token: b.token }))).status).toBe("confirmed");

    // The same job in A with A's plumber: works, and only A's pro is offered.
    const { tools: plumbing } = await toolsFor(a.tenantId);
    await plumbing.saveJobDetails({ trade: "plumbing", postcode: "78704", address: "1 Main St", name: "Tess", urgency: "soon" });
    const search = await plumbing.findAvailableSlots();
    expect(search.ok && search.slots.every((s) => s.proId === a.pros.plumber.id)).toBe(true);
  });
});

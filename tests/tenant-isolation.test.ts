import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createLead, expectProblem, json, signup, type TestAccount } from "./api";
import { postWhatsApp, settle, uniqueDigits, whatsappText, type Workspace } from "./conversations";
import { topUp } from "./wallet";
import { seedCall } from "./voice";

/** Tenant A's open wallet hold. */
async function walletResources(a: TestAccount): Promise<Record<string, Record<string, string>>> {
  await topUp(a.token, 100);
  const { hold } = await json(await call("POST", "/api/v1/wallet/holds", { token: a.token, body: { channel: "scan", quantity: 2 } }));
  return { "/api/v1/wallet/holds": { id: hold.id } };
}

/** Tenant A's finished scan with one scored property (written directly: no workflow runs in the sweep). */
async function scanResources(a: TestAccount): Promise<Record<string, Record<string, string>>> {
  const id = `scan_isolation_${a.tenantId}`;
  const now = Date.now();
  const polygon = JSON.stringify({
    type: "Polygon",
    coordinates: [
      [
        [-97.745, 30.265],
        [-97.74, 30.265],
        [-97.74, 30.27],
        [-97.745, 30.265],
      ],
    ],
  });
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO scans (id, tenant_id, name, status, polygon, area_km2, property_count, processed_count, credits_held, created_at, updated_at) VALUES (?, ?, 'A''s scan', 'completed', ?, 0.1, 1, 1, 8, ?, ?)`,
    ).bind(id, a.tenantId, polygon, now, now),
    env.DB.prepare(
      `INSERT INTO scan_results (tenant_id, scan_id, property_id, status, score, lat, lng, address, created_at) VALUES (?, ?, 'p-1', 'scored', 80, 30.266, -97.742, '1 Test St', ?)`,
    ).bind(a.tenantId, id, now),
  ]);
  return { "/api/v1/scans": { id } };
}

/** Tenant A's channel, pro, booking and conversation (with a message), by route prefix. */
async function conversationResources(a: TestAccount): Promise<Record<string, Record<string, string>>> {
  const phoneNumberId = uniqueDigits(15);
  const channel = await json(
    await call("POST", "/api/v1/channels", {
      token: a.token,
      body: { kind: "whatsapp", address: phoneNumberId, displayNumber: "+1 512 555 0199" },
    }),
  );
  const hours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));
  const pro = await json(
    await call("POST", "/api/v1/pros", {
      token: a.token,
      body: { name: "A's pro", phone: "+15125550160", trades: ["plumbing"], postcodes: ["787"], timeZone: "America/Chicago", hours },
    }),
  );
  const slot = (await json(await call("GET", `/api/v1/pros/${pro.id}/slots?limit=1`, { token: a.token }))).items[0];
  const booking = await json(
    await call("POST", "/api/v1/bookings", {
      token: a.token,
      body: { proId: pro.id, start: slot.start, customerName: "A's customer", customerPhone: "+15125550100", address: "1 Main St, Austin" },
    }),
  );
  await call("PUT", "/api/v1/channels/ai", { token: a.token, body: { engine: "local", model: "m", instructions: null } });
  await postWhatsApp(whatsappText({ whatsapp: { phoneNumberId } } as Workspace, "15125550161", "my sink is leaking"));
  await settle();
  const [conversation] = (await json(await call("GET", "/api/v1/conversations", { token: a.token }))).items;
  const [message] = (await json(await call("GET", `/api/v1/conversations/${conversation.id}`, { token: a.token }))).messages;
  return {
    "/api/v1/channels": { id: channel.id },
    "/api/v1/pros": { id: pro.id },
    "/api/v1/bookings": { id: booking.id },
    "/api/v1/conversations": { id: conversation.id, messageId: message.id },
  };
}

/**
 * The sweep: every route in the OpenAPI document, called with tenant B's token and tenant A's
 * ids. Anything addressed by id answers 404 (not 403: another workspace's ids do not exist for
 * you), lists never contain A's rows, and A's data is unchanged afterwards.
 */
describe("integration: tenant isolation sweep", () => {
  it("every id-addressed route answers 404 to another tenant and changes nothing", async () => {
    const a = await signup("Tenant A");
    const b = await signup("Tenant B");
    const lead = await createLead(a.token, { name: "A's lead", phone: "+15125550150", tags: ["a-only"] });
    const invite = await json(
      await call("POST", "/api/v1/invites", { token: a.token, body: { email: "agent-a@example.com", role: "agent" } }),
    );
    const ids: Record<string, string> = { id: lead.id, userId: a.userId };
    const seededCall = await seedCall({ tenantId: a.tenantId, sms: { id: "chn_a", number: "+15125550100" } });
    const owned: Record<string, Record<string, string>> = {
      ...(await conversationResources(a)),
      ...(await walletResources(a)),
      ...(await scanResources(a)),
      "/api/v1/calls": { id: seededCall.id },
    };
    const idFor = (path: string): Record<string, string> => {
      if (path.startsWith("/api/v1/invites")) return { ...ids, id: invite.id };
      const prefix = Object.keys(owned).find((p) => path.startsWith(p));
      return prefix ? { ...ids, ...owned[prefix] } : ids;
    };

    const doc = await json(await call("GET", "/api/openapi.json"));
    const idRoutes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).filter(([path]) => /\{\w+\}/.test(path));
    // A valid body per route, so a 404 cannot hide behind a 400.
    const bodies: Record<string, unknown> = {
      "post /api/v1/conversations/{id}/messages": { text: "hijacked" },
      "post /api/v1/bookings/{id}/reschedule": { start: new Date(Date.now() + 86_400_000).toISOString() },
      "post /api/v1/bookings/{id}/cancel": { reason: "hijacked" },
      "post /api/v1/channels/{id}/test": { from: "+15125550100", text: "hijacked" },
      "patch /api/v1/channels/{id}": { label: "hijacked" },
      "post /api/v1/wallet/holds/{id}/capture": { quantity: 1 },
    };
    const bodyFor = (method: string, path: string) =>
      bodies[`${method} ${path}`] ??
      (method !== "patch" ? undefined : path.includes("/members/") ? { role: "agent" } : { name: "hijacked" });
    let swept = 0;
    for (const [template, methods] of idRoutes) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => idFor(template)[name]!);
      for (const method of Object.keys(methods)) {
        const response = await call(method.toUpperCase(), path, { token: b.token, body: bodyFor(method, template) });
        expect(response.status, `${method.toUpperCase()} ${template}`).toBe(404);
        swept++;
      }
    }
    expect(swept).toBeGreaterThanOrEqual(7);

    const untouched = await json(await call("GET", `/api/v1/leads/${lead.id}`, { token: a.token }));
    expect(untouched.name).toBe("A's lead");
    expect((await json(await call("GET", "/api/v1/members", { token: a.token }))).items).toHaveLength(1);
    expect((await json(await call("GET", "/api/v1/invites", { token: a.token }))).items).toHaveLength(1);
    expect(await json(await call("GET", `/api/v1/pros/${owned["/api/v1/pros"]!.id}`, { token: a.token }))).toMatchObject({
      name: "A's pro",
      active: true,
    });
    expect((await json(await call("GET", `/api/v1/bookings/${owned["/api/v1/bookings"]!.id}`, { token: a.token }))).status).toBe(
      "confirmed",
    );
    expect(await json(await call("GET", `/api/v1/conversations/${owned["/api/v1/conversations"]!.id}`, { token: a.token }))).toMatchObject({
      mode: "ai",
      messages: [expect.anything(), expect.anything()],
    });
    expect((await json(await call("GET", "/api/v1/channels", { token: a.token }))).items.map((c: { label: string }) => c.label)).toEqual([
      "WhatsApp",
    ]);
    expect(await json(await call("GET", `/api/v1/wallet/holds/${owned["/api/v1/wallet/holds"]!.id}`, { token: a.token }))).toMatchObject({
      status: "open",
      credits: 16,
    });
  }, 30_000);

  it("lists, search, filters, export, duplicates, bulk and dashboard only see the caller's tenant", async () => {
    const a = await signup("Tenant A");
    const b = await signup("Tenant B");
    const lead = await createLead(a.token, { name: "Zebediah Quartz", phone: "+15125550151", email: "zq@example.com", tags: ["secret"] });
    const listB = await json(await call("GET", "/api/v1/leads?q=zebediah&includeTotal=true", { token: b.token }));
    expect(listB).toMatchObject({ items: [], total: 0 });
    expect((await json(await call("GET", "/api/v1/leads?tag=secret", { token: b.token }))).items).toEqual([]);
    expect(await (await call("GET", "/api/v1/leads/export.csv", { token: b.token })).text()).not.toContain("Zebediah");
    expect((await json(await call("GET", "/api/v1/leads/duplicates?email=zq@example.com", { token: b.token }))).items).toEqual([]);
    expect((await call("POST", "/api/v1/leads/bulk", { token: b.token, body: { ids: [lead.id], set: { status: "lost" } } })).status).toBe(
      404,
    );
    expect((await json(await call("GET", "/api/v1/dashboard", { token: b.token }))).total).toBe(0);
    expect((await json(await call("GET", "/api/v1/members", { token: b.token }))).items.map((m: { userId: string }) => m.userId)).toEqual([
      b.userId,
    ]);
    // Assigning B's lead to a member of A is refused: assignees must belong to the workspace.
    const leadB = await createLead(b.token, { name: "B's lead" });
    expect((await call("PATCH", `/api/v1/leads/${leadB.id}`, { token: b.token, body: { assigneeId: a.userId } })).status).toBe(400);
    expect((await json(await call("GET", `/api/v1/leads/${lead.id}`, { token: a.token }))).status).toBe("new");
  });

  it("a write naming another workspace's lead, pro, member or scan is refused with a 4xx problem and writes nothing", async () => {
    const a = await signup("Tenant A");
    const b = await signup("Tenant B");
    const leadA = await createLead(a.token, { name: "A's lead" });
    const hours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));
    const proBody = { name: "Pro", phone: "+15125550170", trades: ["plumbing"], postcodes: ["787"], timeZone: "America/Chicago", hours };
    const proA = await json(await call("POST", "/api/v1/pros", { token: a.token, body: proBody }));
    const proB = await json(await call("POST", "/api/v1/pros", { token: b.token, body: proBody }));
    const slot = (await json(await call("GET", `/api/v1/pros/${proB.id}/slots?limit=1`, { token: b.token }))).items[0];
    const book = (body: Record<string, unknown>) =>
      call("POST", "/api/v1/bookings", {
        token: b.token,
        body: { start: slot.start, customerName: "Mallory", customerPhone: "+15125550100", address: "1 Main St", ...body },
      });

    const foreignLead = await expectProblem(await book({ proId: proB.id, leadId: leadA.id }), 400);
    expect(foreignLead.errors).toEqual([{ field: "leadId", message: "Unknown lead." }]);
    await expectProblem(await book({ proId: proA.id }), 404);
    await expectProblem(await call("POST", "/api/v1/leads", { token: b.token, body: { name: "x", assigneeId: a.userId } }), 400);
    await expectProblem(
      await call("POST", "/api/v1/leads/bulk", { token: b.token, body: { ids: [leadA.id], set: { assigneeId: null } } }),
      404,
    );
    await expectProblem(
      await call("POST", "/api/v1/ws-ticket", { token: b.token, body: { channel: "scans", id: "x" } }).then(async (r) => {
        const { url } = await json(r);
        return call("GET", url, { headers: { Upgrade: "websocket" } });
      }),
      404,
    );
    expect((await json(await call("GET", "/api/v1/bookings", { token: b.token }))).items).toEqual([]);
    // B's own lead books fine.
    const leadB = await createLead(b.token, { name: "B's lead" });
    expect((await book({ proId: proB.id, leadId: leadB.id })).status).toBe(201);
  }, 30_000);

  it("platform admin routes refuse tenant owners", async () => {
    const b = await signup("Tenant B");
    for (const path of [
      "/api/v1/admin/tenants",
      "/api/v1/admin/audit",
      "/api/v1/admin/dead-letters",
      "/api/v1/admin/wallets",
      "/api/v1/admin/wallets/reconciliation",
    ]) {
      expect((await call("GET", path, { token: b.token })).status, path).toBe(403);
    }
    expect((await call("GET", "/metrics", { token: b.token })).status).toBe(403);
  });
});

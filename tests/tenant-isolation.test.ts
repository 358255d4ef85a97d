import { describe, expect, it } from "vitest";
import { call, createLead, json, signup } from "./api";

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
    const invite = await json(await call("POST", "/api/v1/invites", { token: a.token, body: { email: "agent-a@example.com", role: "agent" } }));
    const ids: Record<string, string> = { id: lead.id, userId: a.userId };
    const idFor = (path: string): Record<string, string> => (path.startsWith("/api/v1/invites") ? { ...ids, id: invite.id } : ids);

    const doc = await json(await call("GET", "/api/openapi.json"));
    const idRoutes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).filter(([path]) => /\{\w+\}/.test(path));
    // A valid body per route, so a 404 cannot hide behind a 400.
    const bodyFor = (method: string, path: string) => (method !== "patch" ? undefined : path.includes("/members/") ? { role: "agent" } : { name: "hijacked" });
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
  });

  it("lists, search, filters, export, duplicates, bulk and dashboard only see the caller's tenant", async () => {
    const a = await signup("Tenant A");
    const b = await signup("Tenant B");
    const lead = await createLead(a.token, { name: "Zebediah Quartz", phone: "+15125550151", email: "zq@example.com", tags: ["secret"] });
    const listB = await json(await call("GET", "/api/v1/leads?q=zebediah&includeTotal=true", { token: b.token }));
    expect(listB).toMatchObject({ items: [], total: 0 });
    expect((await json(await call("GET", "/api/v1/leads?tag=secret", { token: b.token }))).items).toEqual([]);
    expect(await (await call("GET", "/api/v1/leads/export.csv", { token: b.token })).text()).not.toContain("Zebediah");
    expect((await json(await call("GET", "/api/v1/leads/duplicates?email=zq@example.com", { token: b.token }))).items).toEqual([]);
    expect((await call("POST", "/api/v1/leads/bulk", { token: b.token, body: { ids: [lead.id], set: { status: "lost" } } })).status).toBe(404);
    expect((await json(await call("GET", "/api/v1/dashboard", { token: b.token }))).total).toBe(0);
    expect((await json(await call("GET", "/api/v1/members", { token: b.token }))).items.map((m: { userId: string }) => m.userId)).toEqual([b.userId]);
    // Assigning B's lead to a member of A is refused: assignees must belong to the workspace.
    const leadB = await createLead(b.token, { name: "B's lead" });
    expect((await call("PATCH", `/api/v1/leads/${leadB.id}`, { token: b.token, body: { assigneeId: a.userId } })).status).toBe(400);
    expect((await json(await call("GET", `/api/v1/leads/${lead.id}`, { token: a.token }))).status).toBe("new");
  });

  it("platform admin routes refuse tenant owners", async () => {
    const b = await signup("Tenant B");
    for (const path of ["/api/v1/admin/tenants", "/api/v1/admin/audit", "/api/v1/admin/dead-letters"]) {
      expect((await call("GET", path, { token: b.token })).status, path).toBe(403);
    }
    expect((await call("GET", "/metrics", { token: b.token })).status).toBe(403);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createLead, expectProblem, json, signup } from "../../tests/api";

async function invite(token: string, email: string, role: "admin" | "agent") {
  const response = await call("POST", "/api/v1/invites", { token, body: { email, role } });
  expect(response.status).toBe(201);
  const created = await json(response);
  return { ...created, token: new URL(created.acceptUrl).hash.replace("#token=", "") };
}

describe("integration: invites and roles", () => {
  it("an owner invites an agent who joins with the emailed link; the invite goes through the outbox", async () => {
    const owner = await signup();
    const inv = await invite(owner.token, "agent@example.com", "agent");
    const outbox = await env.DB.prepare("SELECT channel, recipient, subject, body FROM outbox WHERE tenant_id = ?")
      .bind(owner.tenantId)
      .all<{ recipient: string; body: string }>();
    expect(outbox.results).toHaveLength(1);
    expect(outbox.results[0]!.recipient).toBe("agent@example.com");
    expect(outbox.results[0]!.body).toContain(inv.acceptUrl);
    const joined = await call("POST", "/api/v1/auth/accept-invite", {
      body: { token: inv.token, name: "Alex Agent", password: "agent password 1" },
    });
    expect(joined.status).toBe(201);
    const agent = await json(joined);
    expect(agent).toMatchObject({ role: "agent", tenant: { id: owner.tenantId } });
    await expectProblem(
      await call("POST", "/api/v1/auth/accept-invite", { body: { token: inv.token, name: "Again", password: "agent password 1" } }),
      401,
    );
    const members = await json(await call("GET", "/api/v1/members", { token: owner.token }));
    expect(members.items.map((m: { role: string }) => m.role)).toEqual(["owner", "agent"]);
  });

  it("enforces role floors: agents cannot invite, delete leads, import or change roles; admins cannot invite admins", async () => {
    const owner = await signup();
    const agentInvite = await invite(owner.token, "a2@example.com", "agent");
    const agent = await json(
      await call("POST", "/api/v1/auth/accept-invite", { body: { token: agentInvite.token, name: "Agent", password: "agent password 1" } }),
    );
    const lead = await createLead(owner.token, { name: "Lead" });
    await expectProblem(await call("POST", "/api/v1/invites", { token: agent.accessToken, body: { email: "x@example.com" } }), 403);
    await expectProblem(await call("DELETE", `/api/v1/leads/${lead.id}`, { token: agent.accessToken }), 403);
    await expectProblem(
      await call("POST", "/api/v1/leads/import", { token: agent.accessToken, raw: "name\nx", headers: { "Content-Type": "text/csv" } }),
      403,
    );
    await expectProblem(await call("PATCH", `/api/v1/members/${owner.userId}`, { token: agent.accessToken, body: { role: "agent" } }), 403);
    // Agents still work leads.
    expect((await call("PATCH", `/api/v1/leads/${lead.id}`, { token: agent.accessToken, body: { status: "contacted" } })).status).toBe(200);

    const adminInvite = await invite(owner.token, "admin@example.com", "admin");
    const admin = await json(
      await call("POST", "/api/v1/auth/accept-invite", { body: { token: adminInvite.token, name: "Admin", password: "admin password 1" } }),
    );
    await expectProblem(
      await call("POST", "/api/v1/invites", { token: admin.accessToken, body: { email: "y@example.com", role: "admin" } }),
      403,
    );
    expect(
      (await call("POST", "/api/v1/invites", { token: admin.accessToken, body: { email: "y@example.com", role: "agent" } })).status,
    ).toBe(201);
    // One open invite per email, however the address is typed.
    const again = await expectProblem(
      await call("POST", "/api/v1/invites", { token: owner.token, body: { email: "Y@Example.com", role: "agent" } }),
      409,
    );
    expect(again.errors[0]).toMatchObject({ field: "email", message: expect.stringMatching(/already has an invite waiting/) });
    const pending = await json(await call("GET", "/api/v1/invites", { token: owner.token }));
    expect(pending.items.filter((i: { email: string }) => i.email === "y@example.com")).toHaveLength(1);
    await expectProblem(await call("DELETE", `/api/v1/members/${owner.userId}`, { token: admin.accessToken }), 403);
    await call("PATCH", `/api/v1/leads/${lead.id}`, { token: owner.token, body: { assigneeId: agent.user.id } });
    expect((await call("DELETE", `/api/v1/members/${agent.user.id}`, { token: admin.accessToken })).status).toBe(204);
    // Their leads return to the unassigned pool, with a timeline entry.
    expect((await json(await call("GET", `/api/v1/leads/${lead.id}`, { token: owner.token }))).assigneeId).toBeNull();
    const events = await json(await call("GET", `/api/v1/leads/${lead.id}/events`, { token: owner.token }));
    expect(events.items[0]).toMatchObject({
      type: "lead.updated",
      actor: { name: "Admin" },
      data: { reason: "member removed", changes: { assigneeId: [agent.user.id, null] } },
    });
  });

  it("role changes take effect on the current token at once and at refresh, and owners cannot demote themselves", async () => {
    const owner = await signup();
    const inv = await invite(owner.token, "promote@example.com", "agent");
    const agent = await json(
      await call("POST", "/api/v1/auth/accept-invite", { body: { token: inv.token, name: "P", password: "agent password 1" } }),
    );
    expect((await call("POST", "/api/v1/invites", { token: agent.accessToken, body: { email: "z@example.com" } })).status).toBe(403);
    expect((await call("PATCH", `/api/v1/members/${agent.user.id}`, { token: owner.token, body: { role: "admin" } })).status).toBe(204);
    expect((await call("POST", "/api/v1/invites", { token: agent.accessToken, body: { email: "z@example.com" } })).status).toBe(201);
    const refreshed = await json(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: agent.refreshToken } }));
    expect(refreshed.role).toBe("admin");
    await expectProblem(await call("PATCH", `/api/v1/members/${owner.userId}`, { token: owner.token, body: { role: "agent" } }), 400);
    const audit = await env.DB.prepare("SELECT action FROM audit_log WHERE tenant_id = ? ORDER BY created_at")
      .bind(owner.tenantId)
      .all<{ action: string }>();
    expect(audit.results.map((r) => r.action)).toEqual([
      "tenant.created",
      "invite.created",
      "invite.accepted",
      "member.role_changed",
      "invite.created",
    ]);
  });
});

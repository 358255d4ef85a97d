import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ACCESS_CACHE_MS } from "../workers/auth/access";
import { call, json, signup, type TestAccount } from "./api";
import { openSocket, type TestSocket } from "./sockets";
import { seedCall } from "./voice";
import { joinAs } from "./wallet";

type Channel = "activity" | "wallet" | "calls" | "scans";
const CHANNELS: Channel[] = ["activity", "wallet", "calls", "scans"];

interface Operation {
  method: string;
  template: string;
  path: string;
}

/**
 * Every operation in the OpenAPI document that refuses a caller without a token (the public ones,
 * sign-in and health, answer anyone), ids filled with one that does not exist.
 */
async function protectedOperations(): Promise<Operation[]> {
  const doc = await json(await call("GET", "/api/openapi.json"));
  const all = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([template, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), template, path: template.replace(/\{\w+\}/g, "nope") })),
  );
  const guarded: Operation[] = [];
  for (const operation of all) if ([401, 403].includes((await call(operation.method, operation.path)).status)) guarded.push(operation);
  expect(all.length - guarded.length).toBeLessThan(12);
  return guarded;
}

/** A call and a scan of the workspace, for the per-object sockets. */
async function socketTargets(owner: TestAccount): Promise<Record<Channel, string | undefined>> {
  const seeded = await seedCall(
    { tenantId: owner.tenantId, sms: { id: "chn_revocation", number: "+15125550100" } },
    { status: "in-progress" },
  );
  const scanId = `scan_revocation_${owner.tenantId}`;
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
  await env.DB.prepare(
    `INSERT INTO scans (id, tenant_id, name, status, polygon, area_km2, property_count, processed_count, credits_held, created_at, updated_at) VALUES (?, ?, 'Block', 'running', ?, 0.1, 1, 0, 8, ?, ?)`,
  )
    .bind(scanId, owner.tenantId, polygon, now, now)
    .run();
  return { activity: undefined, wallet: undefined, calls: seeded.id, scans: scanId };
}

async function ticketUrl(token: string, channel: Channel, id?: string): Promise<string> {
  const response = await call("POST", "/api/v1/ws-ticket", { token, body: id ? { channel, id } : { channel } });
  expect(response.status, `ticket for ${channel}`).toBe(200);
  return (await json(response)).url;
}

const upgrade = (url: string) => call("GET", url, { headers: { Upgrade: "websocket" } });

/** Resolves with the close code, or "open" when the socket is still open after `ms`. */
const closedWithin = (socket: TestSocket, ms = 2000) =>
  Promise.race([socket.closed, new Promise<"open">((resolve) => setTimeout(() => resolve("open"), ms))]);

describe("integration: access follows the membership, not the token", () => {
  it("a removed member is refused on every route in the OpenAPI document, every ticket and every socket; open sockets close", async () => {
    const owner = await signup("Revoking Roofing");
    const admin = await joinAs(owner, "admin");
    const targets = await socketTargets(owner);
    expect((await call("GET", "/api/v1/me", { token: admin.token })).status).toBe(200);

    const sockets = await Promise.all(CHANNELS.map((channel) => openSocket(admin.token, channel, targets[channel])));
    for (const socket of sockets) expect((await socket.next()).type).toBe("snapshot");
    // Tickets taken before the removal, used after it.
    const unused = await Promise.all(CHANNELS.map((channel) => ticketUrl(admin.token, channel, targets[channel])));
    const exportTicket = (await json(await call("POST", "/api/v1/leads/export-ticket", { token: admin.token }))).ticket;

    expect((await call("DELETE", `/api/v1/members/${admin.userId}`, { token: owner.token })).status).toBe(204);

    for (const [index, socket] of sockets.entries()) expect(await closedWithin(socket), `${CHANNELS[index]} socket`).toBe(4403);
    for (const [index, url] of unused.entries()) expect((await upgrade(url)).status, `${CHANNELS[index]} upgrade`).toBe(401);
    expect((await call("GET", `/api/v1/leads/export.csv?ticket=${encodeURIComponent(exportTicket)}`)).status).toBe(401);

    const refused: string[] = [];
    let swept = 0;
    for (const { method, template, path } of await protectedOperations()) {
      const response = await call(method, path, { token: admin.token, body: method === "GET" || method === "DELETE" ? undefined : {} });
      if (![401, 403].includes(response.status)) refused.push(`${method} ${template} → ${response.status}`);
      swept++;
    }
    expect(refused).toEqual([]);
    expect(swept).toBeGreaterThan(60);
    expect((await call("GET", "/api/v1/me", { token: owner.token })).status).toBe(200);
  }, 30_000);

  it("a demoted admin loses every admin route at once and keeps an agent's; their sockets are closed", async () => {
    const owner = await signup("Demoting Roofing");
    const admin = await joinAs(owner, "admin");
    const agent = await joinAs(owner, "agent");
    // The routes the admin role opens: an agent is refused (role floors run before validation),
    // the admin is not. Nothing is written: the ids do not exist and there is no body.
    const adminOnly: Operation[] = [];
    for (const operation of await protectedOperations()) {
      if ((await call(operation.method, operation.path, { token: agent.token })).status !== 403) continue;
      if ((await call(operation.method, operation.path, { token: admin.token })).status !== 403) adminOnly.push(operation);
    }
    expect(adminOnly.length).toBeGreaterThan(10);
    const feed = await openSocket(admin.token, "activity");
    await feed.next();

    expect((await call("PATCH", `/api/v1/members/${admin.userId}`, { token: owner.token, body: { role: "agent" } })).status).toBe(204);

    expect(await closedWithin(feed)).toBe(4403);
    const stillAdmin: string[] = [];
    for (const { method, template, path } of adminOnly) {
      if ((await call(method, path, { token: admin.token })).status !== 403) stillAdmin.push(`${method} ${template}`);
    }
    expect(stillAdmin).toEqual([]);
    expect(await json(await call("GET", "/api/v1/me", { token: admin.token }))).toMatchObject({ role: "agent" });
    const again = await openSocket(admin.token, "activity");
    expect((await again.next()).type).toBe("snapshot");
    again.socket.close();
  }, 30_000);

  it("the platform flag is read from the users table, and another isolate's change is seen within the cache bound", async () => {
    const account = await signup("Platform Operators");
    await env.DB.prepare("UPDATE users SET is_superadmin = 1 WHERE id = ?").bind(account.userId).run();
    // The token was issued before the flag was set: only D1 can say it is a superadmin now.
    expect((await call("GET", "/metrics", { token: account.token })).status).toBe(200);
    expect((await call("GET", "/api/v1/admin/tenants", { token: account.token })).status).toBe(200);
    await env.DB.prepare("UPDATE users SET is_superadmin = 0 WHERE id = ?").bind(account.userId).run();
    await new Promise((resolve) => setTimeout(resolve, ACCESS_CACHE_MS + 100));
    expect((await call("GET", "/api/v1/admin/tenants", { token: account.token })).status).toBe(403);
  }, 15_000);

  it("a membership removed directly in D1 is refused within the cache bound", async () => {
    const owner = await signup("Direct Removal");
    const agent = await joinAs(owner, "agent");
    expect((await call("GET", "/api/v1/leads", { token: agent.token })).status).toBe(200);
    await env.DB.prepare("DELETE FROM memberships WHERE user_id = ? AND tenant_id = ?").bind(agent.userId, owner.tenantId).run();
    // Socket upgrades never answer from the cache.
    const ticket = await ticketUrl(agent.token, "activity");
    expect((await upgrade(ticket)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, ACCESS_CACHE_MS + 100));
    expect((await call("GET", "/api/v1/leads", { token: agent.token })).status).toBe(401);
  }, 15_000);
});

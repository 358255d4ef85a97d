import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, signup } from "../../tests/api";
import { topUp, walletOf } from "../../tests/wallet";
import { runScheduled } from "../crons";

const OPS = "test-ops-token";

/** A platform superadmin, signed in (the flag is set the way an operator would, in D1). */
async function superadmin() {
  const account = await signup("Homeline Platform");
  await env.DB.prepare("UPDATE users SET is_superadmin = 1 WHERE id = ?").bind(account.userId).run();
  const session = await json(
    await call("POST", "/api/v1/auth/login", {
      body: { email: account.email, password: account.password },
      headers: { "CF-Connecting-IP": `10.9.${Math.floor(Math.random() * 250)}.1` },
    }),
  );
  return { token: session.accessToken as string, userId: account.userId };
}

const adjust = (token: string, body: unknown) => call("POST", "/api/v1/admin/wallets/adjustments", { token, body });
const reconcile = async (tenantId: string) =>
  (await json(await call("POST", `/api/v1/admin/wallets/reconciliation?tenantId=${tenantId}`, { token: OPS }))).items[0];
const flush = (userId: string) => runDurableObjectAlarm(env.WALLET.get(env.WALLET.idFromName(userId)));

describe("integration: wallet administration", () => {
  it("a superadmin grants and takes back credits with a reason, audit-logged; never below zero", async () => {
    const admin = await superadmin();
    const owner = await signup();
    const granted = await adjust(admin.token, { tenantId: owner.tenantId, credits: 500, reason: "Goodwill for the outage on 3 March" });
    expect(granted.status).toBe(201);
    expect((await json(granted)).entry).toMatchObject({
      type: "adjustment",
      credits: 500,
      actorId: admin.userId,
      data: { reason: "Goodwill for the outage on 3 March" },
    });
    expect((await adjust(admin.token, { tenantId: owner.tenantId, credits: -200, reason: "Duplicate grant" })).status).toBe(201);
    expect((await walletOf(owner.token)).balance).toBe(300);
    const refused = await expectProblem(await adjust(admin.token, { tenantId: owner.tenantId, credits: -301, reason: "Too much" }), 402);
    expect(refused).toMatchObject({ shortfall: 1, spendable: 300 });
    await expectProblem(await adjust(admin.token, { tenantId: owner.tenantId, credits: 10, reason: "" }), 400);
    await expectProblem(await adjust(admin.token, { tenantId: "ten_nope", credits: 10, reason: "Nobody" }), 404);
    const audit = await json(await call("GET", `/api/v1/admin/audit?tenantId=${owner.tenantId}`, { token: admin.token }));
    expect(
      audit.items
        .filter((a: { action: string }) => a.action.startsWith("wallet."))
        .map((a: { action: string; actorId: string; data: { credits: number } }) => [a.action, a.actorId, a.data.credits]),
    ).toEqual([
      ["wallet.credits_adjusted", admin.userId, -200],
      ["wallet.credits_granted", admin.userId, 500],
    ]);
  });

  it("views any workspace's ledger and sets its unit prices; tenant owners get 403", async () => {
    const owner = await signup();
    await topUp(owner.token, 100);
    const ledger = await json(await call("GET", `/api/v1/admin/wallets/ledger?tenantId=${owner.tenantId}`, { token: OPS }));
    expect(ledger.items).toMatchObject([{ type: "purchase", credits: 100 }]);
    const prices = await json(
      await call("PUT", "/api/v1/admin/wallets/prices", { token: OPS, body: { tenantId: owner.tenantId, prices: { sms: 9 } } }),
    );
    expect(prices).toMatchObject({ sms: 9, voice: 24 });
    const debit = await json(await call("POST", "/api/v1/wallet/debits", { token: owner.token, body: { channel: "sms", quantity: 2 } }));
    expect(debit.entry.credits).toBe(-18);
    expect(
      (
        await json(
          await call("PUT", "/api/v1/admin/wallets/prices", { token: OPS, body: { tenantId: owner.tenantId, prices: { sms: null } } }),
        )
      ).sms,
    ).toBe(5);
    for (const [method, path] of [
      ["GET", "/api/v1/admin/wallets"],
      ["GET", `/api/v1/admin/wallets/ledger?tenantId=${owner.tenantId}`],
      ["GET", "/api/v1/admin/wallets/reconciliation"],
    ] as const) {
      expect((await call(method, path, { token: owner.token })).status, path).toBe(403);
    }
    await expectProblem(await adjust(owner.token, { tenantId: owner.tenantId, credits: 1_000, reason: "Free money" }), 403);
  });

  it("mirrors every ledger entry to D1 and reconciles it against the wallet; drift is reported", async () => {
    const owner = await signup();
    await topUp(owner.token, 1_000);
    for (let i = 0; i < 5; i++)
      await call("POST", "/api/v1/wallet/debits", { token: owner.token, body: { channel: "email", quantity: 10 } });
    expect(await flush(owner.userId)).toBe(true);
    const projected = await env.DB.prepare("SELECT count(*) AS n, sum(credits) AS total FROM wallet_ledger WHERE tenant_id = ?")
      .bind(owner.tenantId)
      .first<{ n: number; total: number }>();
    expect(projected).toEqual({ n: 6, total: 950 });
    const purchase = await env.DB.prepare(
      "SELECT seq, channel, data, balance_after FROM wallet_ledger WHERE tenant_id = ? AND type = 'purchase'",
    )
      .bind(owner.tenantId)
      .first<{ seq: number; channel: string | null; data: string; balance_after: number }>();
    expect({ ...purchase, data: JSON.parse(purchase!.data) }).toEqual({
      seq: expect.any(Number),
      channel: null,
      data: { simulated: true },
      balance_after: 1_000,
    });
    expect(await reconcile(owner.tenantId)).toMatchObject({
      status: "ok",
      drift: 0,
      walletBalance: 950,
      projectedSum: 950,
      projectedEntries: 6,
    });

    // An entry written after the last flush is not drift: the wallet reports it separately.
    await call("POST", "/api/v1/wallet/debits", { token: owner.token, body: { channel: "email", quantity: 1 } });
    expect(await reconcile(owner.tenantId)).toMatchObject({ status: "ok", drift: 0, walletBalance: 949, projectedSum: 950 });

    // A projection row going missing is.
    await env.DB.prepare(
      "DELETE FROM wallet_ledger WHERE tenant_id = ? AND type = 'debit' AND seq = (SELECT max(seq) FROM wallet_ledger WHERE tenant_id = ?)",
    )
      .bind(owner.tenantId, owner.tenantId)
      .run();
    await runScheduled("17 * * * *", env);
    const report = await json(await call("GET", "/api/v1/admin/wallets/reconciliation", { token: OPS }));
    const row = report.items.find((r: { tenantId: string }) => r.tenantId === owner.tenantId);
    expect(row).toMatchObject({ status: "drift", drift: -10 });
    expect(report.items[0].status).toBe("drift");
    // Flushing again does not repair a deleted row (entries are flushed once), so the drift stays visible.
    await flush(owner.userId);
    expect((await reconcile(owner.tenantId)).status).toBe("drift");
  });
});

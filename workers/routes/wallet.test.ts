import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, signup } from "../../tests/api";
import { joinAs, topUp, walletOf } from "../../tests/wallet";
import { app } from "../app";

const debit = (token: string, body: unknown, key?: string) =>
  call("POST", "/api/v1/wallet/debits", { token, body, headers: key ? { "Idempotency-Key": key } : {} });

describe("integration: wallet balance and debits", () => {
  it("starts empty, shows packs and 4× prices, and the development top-up credits it", async () => {
    const owner = await signup();
    const empty = await walletOf(owner.token);
    expect(empty).toMatchObject({
      balance: 0,
      available: 0,
      payments: "stripe",
      canManage: true,
      card: null,
      autoSpend: { enabled: false, split: { voice: 35, sms: 35, email: 30 } },
    });
    expect(empty.prices.find((p: { channel: string }) => p.channel === "sms")).toEqual({ channel: "sms", credits: 5, unit: "segment" });
    const { entry, wallet } = await topUp(owner.token, 1_000);
    expect(entry).toMatchObject({ type: "purchase", credits: 1_000, balanceAfter: 1_000, data: { simulated: true } });
    expect(wallet.balance).toBe(1_000);
    expect((await walletOf(owner.token)).general).toEqual({ balance: 1_000, reserved: 0 });
  });

  it("refuses the development top-up in production", async () => {
    const owner = await signup();
    const request = new Request("http://localhost/api/v1/wallet/dev-top-up", {
      method: "POST",
      headers: { Authorization: `Bearer ${owner.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ credits: 100 }),
    });
    const response = await app.fetch(request, { ...env, ENVIRONMENT: "production" }, createExecutionContext());
    expect(response.status).toBe(403);
    expect((await response.json<{ detail: string }>()).detail).toMatch(/development only/);
  });

  it("1,000 concurrent debits end at the exact balance and never below zero", async () => {
    const owner = await signup();
    await topUp(owner.token, 3_000);
    // WhatsApp costs 4 credits: exactly 750 of the 1,000 fit.
    const responses = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) => debit(owner.token, { channel: "whatsapp", quantity: 1, reference: `msg-${i}` })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(750);
    expect(statuses.filter((s) => s === 402)).toHaveLength(250);
    const refused = await expectProblem(responses[statuses.indexOf(402)]!, 402);
    expect(refused).toMatchObject({ title: "Payment Required", shortfall: 4, spendable: 0 });
    expect(refused.detail).toMatch(/Not enough credits: this whatsapp charge needs 4 and 0 can be spent/);
    expect((await walletOf(owner.token)).balance).toBe(0);
    const ledger = await json(await call("GET", "/api/v1/wallet/ledger?type=debit&limit=500", { token: owner.token }));
    const rest = await json(
      await call("GET", `/api/v1/wallet/ledger?type=debit&limit=500&cursor=${ledger.nextCursor}`, { token: owner.token }),
    );
    const balances = [...ledger.items, ...rest.items].map((e: { balanceAfter: number }) => e.balanceAfter);
    expect(balances).toHaveLength(750);
    expect(Math.min(...balances)).toBe(0);
    expect(new Set(balances).size).toBe(750); // every debit saw the one before it
  }, 60_000);

  it("a replayed key returns the first result, even concurrently; reusing it for something else is a 409", async () => {
    const owner = await signup();
    await topUp(owner.token, 100);
    const first = await debit(owner.token, { channel: "sms", quantity: 2 }, "send-1");
    expect(first.status).toBe(201);
    const original = await json(first);
    const replays = await Promise.all(Array.from({ length: 10 }, () => debit(owner.token, { channel: "sms", quantity: 2 }, "send-1")));
    for (const replay of replays) {
      expect(replay.status).toBe(200);
      expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
      expect(await json(replay)).toEqual(original);
    }
    expect(original.entry).toMatchObject({ id: "api:send-1", credits: -10, quantity: 2, balanceAfter: 90 });
    expect((await walletOf(owner.token)).balance).toBe(90);
    await expectProblem(await debit(owner.token, { channel: "sms", quantity: 3 }, "send-1"), 409);
  });

  it("team members spend from the owner's wallet; agents see the balance but not the ledger or settings", async () => {
    const owner = await signup();
    const agent = await joinAs(owner, "agent");
    await topUp(owner.token, 50);
    expect((await debit(agent.token, { channel: "scan", quantity: 5 })).status).toBe(201);
    expect(await walletOf(agent.token)).toMatchObject({ balance: 10, canManage: false });
    expect((await walletOf(owner.token)).balance).toBe(10);
    await expectProblem(await call("GET", "/api/v1/wallet/ledger", { token: agent.token }), 403);
    await expectProblem(await call("POST", "/api/v1/wallet/dev-top-up", { token: agent.token, body: { credits: 5 } }), 403);
    await expectProblem(await call("PUT", "/api/v1/wallet/auto-spend", { token: agent.token, body: { enabled: true } }), 403);
    const ledger = await json(await call("GET", "/api/v1/wallet/ledger?type=debit", { token: owner.token }));
    expect(ledger.items[0]).toMatchObject({ actorId: agent.userId, channel: "scan", quantity: 5, credits: -40 });
  });

  it("another workspace never sees or spends this wallet", async () => {
    const a = await signup("Tenant A");
    const b = await signup("Tenant B");
    await topUp(a.token, 500);
    expect((await walletOf(b.token)).balance).toBe(0);
    await expectProblem(await debit(b.token, { channel: "email", quantity: 1 }), 402);
    expect((await json(await call("GET", "/api/v1/wallet/ledger", { token: b.token }))).items).toEqual([]);
    expect((await walletOf(a.token)).balance).toBe(500);
  });

  it("auto-spend splits purchases 35/35/30 into budgets; spend draws its budget, then general", async () => {
    const owner = await signup();
    await topUp(owner.token, 100);
    const on = await json(await call("PUT", "/api/v1/wallet/auto-spend", { token: owner.token, body: { enabled: true } }));
    // Turning it on splits the free general balance too (a zero-credit adjustment).
    expect(on.budgets).toMatchObject({ voice: { balance: 35 }, sms: { balance: 35 }, email: { balance: 30 } });
    await topUp(owner.token, 1_000);
    const wallet = await walletOf(owner.token);
    expect(wallet.budgets).toMatchObject({ voice: { balance: 385 }, sms: { balance: 385 }, email: { balance: 330 } });
    expect(wallet.general.balance).toBe(0);
    await expectProblem(await debit(owner.token, { channel: "scan", quantity: 1 }), 402); // no scan budget, no general
    expect((await debit(owner.token, { channel: "sms", quantity: 77 })).status).toBe(201); // 385 exactly
    await expectProblem(await debit(owner.token, { channel: "sms", quantity: 1 }), 402);
    const off = await json(await call("PUT", "/api/v1/wallet/auto-spend", { token: owner.token, body: { enabled: false } }));
    expect(off.general.balance).toBe(715);
    expect((await debit(owner.token, { channel: "sms", quantity: 1 })).status).toBe(201);
    await expectProblem(
      await call("PUT", "/api/v1/wallet/auto-spend", { token: owner.token, body: { enabled: true, split: { voice: 60, sms: 60 } } }),
      400,
    );
  });

  it("reads: ledger filters and pages, spend per channel, CSV", async () => {
    const owner = await signup();
    await topUp(owner.token, 1_000);
    await debit(owner.token, { channel: "email", quantity: 3, reference: "campaign-1" });
    await debit(owner.token, { channel: "voice", quantity: 2 });
    await debit(owner.token, { channel: "email", quantity: 1 });
    const emails = await json(await call("GET", "/api/v1/wallet/ledger?channel=email", { token: owner.token }));
    expect(emails.items.map((e: { quantity: number }) => e.quantity)).toEqual([1, 3]);
    expect((await json(await call("GET", "/api/v1/wallet/ledger?reference=campaign-1", { token: owner.token }))).items).toHaveLength(1);
    const page = await json(await call("GET", "/api/v1/wallet/ledger?limit=2", { token: owner.token }));
    expect(page.items).toHaveLength(2);
    const next = await json(await call("GET", `/api/v1/wallet/ledger?limit=2&cursor=${page.nextCursor}`, { token: owner.token }));
    expect(next.items.map((e: { type: string }) => e.type)).toEqual(["debit", "purchase"]);
    expect(next.nextCursor).toBeNull();
    await expectProblem(await call("GET", "/api/v1/wallet/ledger?type=gift", { token: owner.token }), 400);
    const spend = await json(await call("GET", "/api/v1/wallet/spend", { token: owner.token }));
    expect(spend.total).toBe(52);
    expect(spend.channels).toEqual([
      { channel: "email", credits: 4, quantity: 4, entries: 2 },
      { channel: "voice", credits: 48, quantity: 2, entries: 1 },
    ]);
    const csv = await call("GET", "/api/v1/wallet/ledger.csv?type=debit", { token: owner.token });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,created_at,type,channel,quantity,credits,balance_after,reference,actor_id,hold_id,note");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain(",debit,email,3,-3,997,campaign-1,");
  });
});

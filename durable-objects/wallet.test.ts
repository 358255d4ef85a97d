import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, signup } from "../tests/api";
import { openSocket } from "../tests/sockets";
import { joinAs, topUp, walletOf } from "../tests/wallet";
import { applyDomainEvents } from "../workers/quests/apply-events";
import { questsForDay } from "../workers/quests/catalog";
import { localDate } from "../workers/lib/time";
import { eventsFor } from "../tests/quests";

const walletStub = (userId: string) => env.WALLET.get(env.WALLET.idFromName(userId));
const hold = (token: string, body: unknown, key?: string) =>
  call("POST", "/api/v1/wallet/holds", { token, body, headers: key ? { "Idempotency-Key": key } : {} });

describe("integration: holds", () => {
  it("hold → capture the actual cost → release the rest", async () => {
    const owner = await signup();
    await topUp(owner.token, 1_000);
    const held = await hold(owner.token, { channel: "scan", quantity: 50, reference: "scan-1" }, "scan-1");
    expect(held.status).toBe(201);
    const { hold: opened, entry } = await json(held);
    expect(opened).toMatchObject({ channel: "scan", credits: 400, status: "open", reference: "scan-1" });
    expect(entry).toMatchObject({ type: "hold", credits: 0, holdId: opened.id });
    expect(await walletOf(owner.token)).toMatchObject({ balance: 1_000, reserved: 400, available: 600 });
    // The reservation is real: only 600 can be spent meanwhile.
    await expectProblem(await call("POST", "/api/v1/wallet/debits", { token: owner.token, body: { channel: "scan", quantity: 76 } }), 402);

    const captured = await json(
      await call("POST", `/api/v1/wallet/holds/${opened.id}/capture`, { token: owner.token, body: { quantity: 42 } }),
    );
    expect(captured.capture).toMatchObject({ type: "capture", credits: -336, quantity: 42, holdId: opened.id, balanceAfter: 664 });
    expect(captured.release).toMatchObject({ type: "release", credits: 0, data: { released: 64 } });
    expect(await walletOf(owner.token)).toMatchObject({ balance: 664, reserved: 0, available: 664 });
    expect((await json(await call("GET", `/api/v1/wallet/holds/${opened.id}`, { token: owner.token }))).status).toBe("captured");

    // Capturing again returns the first result; a different quantity or a release is refused.
    const again = await call("POST", `/api/v1/wallet/holds/${opened.id}/capture`, { token: owner.token, body: { quantity: 42 } });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await json(again)).toEqual(captured);
    await expectProblem(
      await call("POST", `/api/v1/wallet/holds/${opened.id}/capture`, { token: owner.token, body: { quantity: 43 } }),
      409,
    );
    await expectProblem(await call("POST", `/api/v1/wallet/holds/${opened.id}/release`, { token: owner.token }), 409);
    // Replaying the hold's key returns the same hold, not a second one.
    expect((await json(await hold(owner.token, { channel: "scan", quantity: 50, reference: "scan-1" }, "scan-1"))).hold.id).toBe(opened.id);
  });

  it("release gives it all back; a capture above the hold needs the excess free; holds are refused when short", async () => {
    const owner = await signup();
    await topUp(owner.token, 100);
    const { hold: call1 } = await json(await hold(owner.token, { channel: "voice", quantity: 2 }));
    expect(call1.credits).toBe(48);
    const released = await json(await call("POST", `/api/v1/wallet/holds/${call1.id}/release`, { token: owner.token }));
    expect(released.entry).toMatchObject({ type: "release", data: { released: 48 } });
    expect(await walletOf(owner.token)).toMatchObject({ balance: 100, reserved: 0 });
    await expectProblem(await call("POST", `/api/v1/wallet/holds/${call1.id}/capture`, { token: owner.token, body: { quantity: 1 } }), 409);

    const { hold: call2 } = await json(await hold(owner.token, { channel: "voice", quantity: 2 }));
    const longer = await json(
      await call("POST", `/api/v1/wallet/holds/${call2.id}/capture`, { token: owner.token, body: { quantity: 4 } }),
    );
    expect(longer.capture.credits).toBe(-96);
    expect(longer.release).toBeNull();
    await expectProblem(await hold(owner.token, { channel: "voice", quantity: 1 }), 402);
    await expectProblem(await call("POST", "/api/v1/wallet/holds/hold_nope/capture", { token: owner.token, body: { quantity: 1 } }), 404);
  });

  it("an abandoned hold expires: the wallet's alarm releases it", async () => {
    const owner = await signup();
    await topUp(owner.token, 500);
    const stub = walletStub(owner.userId);
    const held = await stub.hold(owner.tenantId, { key: "call-abandoned", channel: "voice", credits: 120, quantity: 5, ttlMs: 20 });
    if (!held.ok) throw new Error(held.detail);
    expect((await walletOf(owner.token)).available).toBe(380);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await stub.getHold(owner.tenantId, held.value.hold.id)).toMatchObject({ status: "expired" });
    expect(await walletOf(owner.token)).toMatchObject({ balance: 500, reserved: 0, available: 500 });
    const ledger = await json(await call("GET", "/api/v1/wallet/ledger?type=release", { token: owner.token }));
    expect(ledger.items[0]).toMatchObject({ holdId: held.value.hold.id, data: { released: 120, expired: true } });
  });
});

describe("integration: /ws/wallet", () => {
  it("fans every change out to all three open tabs within 100 ms, snapshot first", async () => {
    const owner = await signup();
    const tabs = await Promise.all([1, 2, 3].map(() => openSocket(owner.token, "wallet")));
    for (const tab of tabs) {
      const snapshot = await tab.next();
      expect(snapshot).toMatchObject({
        type: "snapshot",
        wallet: { balance: 0 },
        quests: { quests: expect.any(Array), streak: { current: 0 } },
      });
    }
    const started = performance.now();
    await topUp(owner.token, 250);
    const updates = await Promise.all(tabs.map((tab) => tab.next()));
    expect(performance.now() - started).toBeLessThan(100);
    for (const update of updates)
      expect(update).toMatchObject({ type: "wallet", wallet: { balance: 250 }, entries: [{ type: "purchase", credits: 250 }] });

    // A reconnecting tab gets the current state before anything else.
    tabs[0]!.socket.close(1000);
    const back = await openSocket(owner.token, "wallet");
    expect(await back.next()).toMatchObject({ type: "snapshot", wallet: { balance: 250 } });
    back.socket.send("ping");
    expect(await back.next()).toBe("pong");
    [back, ...tabs.slice(1)].forEach((tab) => tab.socket.close(1000));
  });

  it("members share the workspace's balance live; quest changes reach only their own tabs", async () => {
    const owner = await signup();
    const agent = await joinAs(owner, "agent");
    const [ownerTab, agentTab] = await Promise.all([openSocket(owner.token, "wallet"), openSocket(agent.token, "wallet")]);
    await Promise.all([ownerTab.next(), agentTab.next()]);
    await topUp(owner.token, 40);
    expect((await agentTab.next()).wallet.balance).toBe(40);
    expect((await ownerTab.next()).wallet.balance).toBe(40);

    const now = Date.now();
    await applyDomainEvents(env, eventsFor(questsForDay(agent.userId, localDate("UTC", now))[0]!, owner.tenantId, agent.userId, now, 1));
    const questMessages = [await agentTab.next(), await agentTab.next()];
    expect(questMessages.map((m) => m.type).sort()).toEqual(["leaderboard", "quests"]);
    expect(await ownerTab.next()).toEqual({ type: "leaderboard" });
    await expect(ownerTab.next(200)).rejects.toThrow("no message");
    [ownerTab, agentTab].forEach((tab) => tab.socket.close(1000));
  });

  it("refuses reused, forged and activity tickets, and another workspace's members see nothing", async () => {
    const a = await signup();
    const b = await signup();
    const tab = await openSocket(a.token, "wallet");
    await tab.next();
    expect((await call("GET", tab.url, { headers: { Upgrade: "websocket" } })).status).toBe(401);
    const activity = await json(await call("POST", "/api/v1/ws-ticket", { token: a.token, body: { channel: "activity" } }));
    expect((await call("GET", `/ws/wallet?ticket=${activity.ticket}`, { headers: { Upgrade: "websocket" } })).status).toBe(401);
    expect((await call("GET", "/ws/wallet?ticket=forged", { headers: { Upgrade: "websocket" } })).status).toBe(401);
    expect((await call("GET", "/ws/wallet")).status).toBe(426);
    const other = await openSocket(b.token, "wallet");
    await other.next();
    await topUp(a.token, 10);
    expect((await tab.next()).wallet.balance).toBe(10);
    await expect(other.next(200)).rejects.toThrow("no message");
    [tab, other].forEach((t) => t.socket.close(1000));
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createLead, expectProblem, json, signup } from "../../tests/api";
import { joinAs } from "../../tests/wallet";
import { addDays, localDate } from "../lib/time";
import { applyDomainEvents } from "./apply-events";
import { questsForDay, STREAK_REWARD } from "./catalog";
import { eventsFor } from "../../tests/quests";

/** Completes the user's always-doable quest (slot one) on a local date, at noon UTC. */
const completeDay = (owner: { tenantId: string; userId: string }, day: string) =>
  eventsFor(questsForDay(owner.userId, day)[0]!, owner.tenantId, owner.userId, Date.parse(`${day}T12:00:00Z`));

const setZone = (token: string, timeZone: string) => call("PUT", "/api/v1/quests/time-zone", { token, body: { timeZone } });
const points = async (token: string) =>
  (await json(await call("GET", "/api/v1/quests/points", { token }))).items as { id: string; points: number; day: string }[];

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("integration: quests, points and streaks", () => {
  it("lead changes in the CRM drive today's quest through the queue to completion, points and a streak", async () => {
    const owner = await signup();
    const today = await json(await call("GET", "/api/v1/quests", { token: owner.token }));
    expect(today.quests).toHaveLength(3);
    const first = today.quests[0];
    const leads = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        createLead(owner.token, { name: `Quest lead ${i}`, status: first.id === "reply-3" ? "new" : "contacted" }),
      ),
    );
    if (first.id !== "add-3") {
      const to = first.id === "reply-3" ? "contacted" : "qualified";
      await call("POST", "/api/v1/leads/bulk", { token: owner.token, body: { ids: leads.map((l) => l.id), set: { status: to } } });
    }
    const done = await until(
      async () => json(await call("GET", "/api/v1/quests", { token: owner.token })),
      (q) => q.quests[0].completed,
    );
    expect(done.quests[0]).toMatchObject({ id: first.id, progress: first.target, completed: true });
    expect(done.points).toBe(first.points);
    expect(done.streak.current).toBe(1);
  });

  it("a redelivered or repeated event counts once per lead, and each quest pays out once", async () => {
    const owner = await signup();
    await setZone(owner.token, "UTC");
    const day = localDate("UTC", Date.now());
    const events = completeDay(owner, day);
    await applyDomainEvents(env, [...events, ...events]);
    await applyDomainEvents(env, events);
    expect(await points(owner.token)).toEqual([
      expect.objectContaining({ id: `quest:${day}:${questsForDay(owner.userId, day)[0]!.id}`, day }),
    ]);
    const quest = (await json(await call("GET", "/api/v1/quests", { token: owner.token }))).quests[0];
    expect(quest.progress).toBe(quest.target);
  });

  it("rolls the day at each user's own midnight, across time zones and a DST change", async () => {
    const auckland = await signup();
    const losAngeles = await signup();
    const newYork = await signup();
    await setZone(auckland.token, "Pacific/Auckland");
    await setZone(losAngeles.token, "America/Los_Angeles");
    await setZone(newYork.token, "America/New_York");
    // One instant, two local dates: already Monday in Auckland, still Sunday in Los Angeles.
    const instant = Date.parse("2026-03-08T11:30:00Z");
    for (const [user, day] of [
      [auckland, "2026-03-09"],
      [losAngeles, "2026-03-08"],
    ] as const) {
      await applyDomainEvents(env, eventsFor(questsForDay(user.userId, day)[0]!, user.tenantId, user.userId, instant));
      expect((await points(user.token))[0]!.day).toBe(day);
    }
    // New York springs forward on 2026-03-08: from then on midnight is 04:00Z, not 05:00Z.
    for (const [at, day] of [
      ["2026-03-09T03:59:00Z", "2026-03-08"],
      ["2026-03-09T04:00:00Z", "2026-03-09"],
    ] as const) {
      await applyDomainEvents(env, eventsFor(questsForDay(newYork.userId, day)[0]!, newYork.tenantId, newYork.userId, Date.parse(at)));
    }
    expect((await points(newYork.token)).map((p) => p.day)).toEqual(["2026-03-09", "2026-03-08"]);
    const snapshot = await json(await call("GET", "/api/v1/quests", { token: auckland.token }));
    expect(snapshot.timeZone).toBe("Pacific/Auckland");
    expect(snapshot.day).toBe(localDate("Pacific/Auckland", Date.now()));
    expect(Date.parse(snapshot.resetsAt)).toBeGreaterThan(Date.now());
    await expectProblem(await setZone(auckland.token, "Mars/Olympus"), 400);
  });

  it("repairs one missed day automatically, and every 7th day of a streak credits the wallet once", async () => {
    const owner = await signup();
    await setZone(owner.token, "UTC");
    const today = localDate("UTC", Date.now());
    // Eight days ago … today, missing the day five days ago: repaired, so the streak is 8.
    const days = [-8, -7, -6, -4, -3, -2, -1, 0].map((n) => addDays(today, n));
    for (const day of days) await applyDomainEvents(env, completeDay(owner, day));
    const snapshot = await json(await call("GET", "/api/v1/quests", { token: owner.token }));
    expect(snapshot.streak).toMatchObject({ current: 8, best: 8, lastRepair: addDays(today, -5), repairAvailable: false });
    // Day 7 of the streak was yesterday: one reward entry, also after a redelivery.
    await applyDomainEvents(env, completeDay(owner, addDays(today, -1)));
    const rewards = await json(await call("GET", "/api/v1/wallet/ledger?type=reward", { token: owner.token }));
    expect(rewards.items).toHaveLength(1);
    expect(rewards.items[0]).toMatchObject({
      id: `reward:streak:${owner.userId}:${addDays(today, -1)}`,
      credits: STREAK_REWARD.credits,
      actorId: owner.userId,
    });
  });

  it("ranks the workspace's members on a leaderboard that no other workspace sees", async () => {
    const owner = await signup();
    const agent = await joinAs(owner, "agent");
    const other = await signup("Other Co");
    const today = localDate("UTC", Date.now());
    await Promise.all([owner, agent].map((u) => setZone(u.token, "UTC")));
    await applyDomainEvents(env, completeDay({ tenantId: owner.tenantId, userId: agent.userId }, today));
    await applyDomainEvents(env, completeDay(other, today));
    const board = await json(await call("GET", "/api/v1/quests/leaderboard", { token: owner.token }));
    expect(board.items.map((r: { userId: string; rank: number; streak: number }) => [r.rank, r.userId, r.streak])).toEqual([
      [1, agent.userId, 1],
      [2, owner.userId, 0],
    ]);
    expect(board.items[0].points).toBeGreaterThan(0);
    expect(
      (await json(await call("GET", "/api/v1/quests/leaderboard", { token: other.token }))).items.map((r: { userId: string }) => r.userId),
    ).toEqual([other.userId]);
  });
});

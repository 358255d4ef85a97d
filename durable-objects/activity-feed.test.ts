import { describe, expect, it } from "vitest";
import { call, createLead, signup } from "../tests/api";
import { openSocket } from "../tests/sockets";

const connect = (token: string) => openSocket(token, "activity");

describe("integration: live activity feed", () => {
  it("sends a snapshot on connect and each lead event to every dashboard of the tenant within 100 ms", async () => {
    const owner = await signup();
    const first = await connect(owner.token);
    const second = await connect(owner.token);
    expect(await first.next()).toEqual({ type: "snapshot", events: [] });
    expect((await second.next()).type).toBe("snapshot");
    const started = Date.now();
    const lead = await createLead(owner.token, { name: "Live Lead", description: "burst pipe" });
    const [a, b] = await Promise.all([first.next(), second.next()]);
    expect(Date.now() - started).toBeLessThan(500); // includes the create request itself
    for (const message of [a, b]) {
      expect(message.event.id).toMatch(/^act_/);
      expect(message).toMatchObject({
        type: "event",
        event: { type: "lead.created", lead: { id: lead.id, name: "Live Lead", hot: true }, actor: { name: "Olive Owner" } },
      });
    }
    // A reconnecting dashboard gets recent events in its snapshot.
    const third = await connect(owner.token);
    expect((await third.next()).events[0]).toMatchObject({ type: "lead.created", lead: { id: lead.id } });
    [first, second, third].forEach((c) => c.socket.close(1000));
  });

  it("keeps tenants apart", async () => {
    const a = await signup();
    const b = await signup();
    const feedB = await connect(b.token);
    await feedB.next();
    await createLead(a.token, { name: "Not yours" });
    await expect(feedB.next(300)).rejects.toThrow("no message");
    feedB.socket.close(1000);
  });

  it("answers pings without an event, and refuses reused, forged or missing tickets", async () => {
    const owner = await signup();
    const feed = await connect(owner.token);
    await feed.next();
    feed.socket.send("ping");
    expect(await feed.next()).toBe("pong");
    const reused = await call("GET", feed.url, { headers: { Upgrade: "websocket" } });
    expect(reused.status).toBe(401);
    expect((await call("GET", "/ws/activity?ticket=forged.ticket.value", { headers: { Upgrade: "websocket" } })).status).toBe(401);
    expect((await call("GET", "/ws/activity", { headers: { Upgrade: "websocket" } })).status).toBe(401);
    expect((await call("GET", "/ws/activity")).status).toBe(426);
    // An access token is not a ticket.
    expect((await call("GET", `/ws/activity?ticket=${owner.token}`, { headers: { Upgrade: "websocket" } })).status).toBe(401);
    feed.socket.close(1000);
  });
});

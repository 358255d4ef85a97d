import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { call, json } from "../../tests/api";
import { postWhatsApp, settle, uniqueDigits, whatsappText, workspace } from "../../tests/conversations";
import { openSocket } from "../../tests/sockets";
import { joinAs } from "../../tests/wallet";
import { escalateUnopenedHandoffs } from "./escalate";

const inbox = async (token: string) => json(await call("GET", "/api/v1/notifications", { token }));
const MINUTE = 60_000;

/** The live socket's next message of a type, skipping the snapshot and activity events. */
async function nextOfType(socket: Awaited<ReturnType<typeof openSocket>>, type: string, timeoutMs = 5000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await socket.next(Math.max(1, deadline - Date.now()));
    if (message?.type === type) return message;
  }
}

describe("integration: a hand-off tells every member and escalates to the owner", () => {
  it("raises the bell on every member's socket, counts the waiting conversation, and marking read clears it", async () => {
    const ws = await workspace();
    const agent = await joinAs(ws, "agent");
    const [ownerSocket, agentSocket] = await Promise.all([openSocket(ws.token, "activity"), openSocket(agent.token, "activity")]);
    const customer = `1512${uniqueDigits(7)}`;

    await postWhatsApp(whatsappText(ws, customer, "Can I talk to a real person please?"));
    await settle();

    for (const socket of [ownerSocket, agentSocket]) {
      const live = await nextOfType(socket, "notification");
      expect(live.unread).toBe(1);
      expect(live.notification).toMatchObject({ kind: "needs_person", title: "Maria Garcia needs a person", readAt: null });
      expect(live.notification.body).toMatch(/^The customer asked for a person: “Can I talk to a real person please\?”/);
      expect(live.notification.link).toMatch(/^\/conversations\?id=cnv_/);
      expect((await nextOfType(socket, "waiting")).count).toBe(1);
    }

    const owner = await inbox(ws.token);
    expect(owner).toMatchObject({ unread: 1, waiting: 1, nextCursor: null });
    expect(owner.items).toHaveLength(1);
    const read = await json(await call("POST", "/api/v1/notifications/read", { token: ws.token, body: { ids: [owner.items[0].id] } }));
    expect(read).toEqual({ marked: 1, unread: 0 });
    // Each member reads their own: the agent's is still unread.
    expect((await inbox(agent.token)).unread).toBe(1);

    // Taking the conversation over: nobody waits any more, live.
    const conversationId = new URLSearchParams(owner.items[0].link.split("?")[1]).get("id")!;
    expect((await call("POST", `/api/v1/conversations/${conversationId}/takeover`, { token: agent.token })).status).toBe(200);
    expect((await nextOfType(ownerSocket, "waiting")).count).toBe(0);
    expect((await inbox(ws.token)).waiting).toBe(0);
  });

  it("alerts only the owners when nobody opened the hand-off within the workspace's delay, once", async () => {
    const ws = await workspace();
    const agent = await joinAs(ws, "agent");
    expect((await call("PUT", "/api/v1/notifications/workspace", { token: ws.token, body: { handoffEscalationMinutes: 5 } })).status).toBe(
      200,
    );
    const customer = `1512${uniqueDigits(7)}`;
    await postWhatsApp(whatsappText(ws, customer, "I need a human"));
    await settle();
    await vi.waitFor(async () => expect((await inbox(ws.token)).items).toHaveLength(1), { timeout: 5000, interval: 50 });

    const now = Date.now();
    expect(await escalateUnopenedHandoffs(env, now + 4 * MINUTE)).toBe(0);
    expect(await escalateUnopenedHandoffs(env, now + 6 * MINUTE)).toBeGreaterThanOrEqual(1);
    expect(await escalateUnopenedHandoffs(env, now + 7 * MINUTE)).toBe(0);

    await vi.waitFor(
      async () => expect((await inbox(ws.token)).items.map((n: any) => n.kind)).toEqual(["handoff_escalation", "needs_person"]),
      { timeout: 5000, interval: 50 },
    );
    const [escalation] = (await inbox(ws.token)).items;
    expect(escalation.title).toBe("Nobody has answered Maria Garcia");
    expect((await inbox(agent.token)).items.map((n: any) => n.kind)).toEqual(["needs_person"]);
  });

  it("does not escalate a hand-off a member opened", async () => {
    const ws = await workspace();
    const customer = `1512${uniqueDigits(7)}`;
    await postWhatsApp(whatsappText(ws, customer, "operator please"));
    await settle();
    await vi.waitFor(async () => expect((await inbox(ws.token)).items).toHaveLength(1), { timeout: 5000, interval: 50 });
    const conversationId = new URLSearchParams((await inbox(ws.token)).items[0].link.split("?")[1]).get("id")!;
    expect((await call("GET", `/api/v1/conversations/${conversationId}`, { token: ws.token })).status).toBe(200);
    await vi.waitFor(async () => {
      const row = await env.DB.prepare(`SELECT opened_at FROM conversation_waits WHERE tenant_id = ? AND conversation_id = ?`)
        .bind(ws.tenantId, conversationId)
        .first<{ opened_at: number | null }>();
      expect(row?.opened_at).not.toBeNull();
    });
    await escalateUnopenedHandoffs(env, Date.now() + 60 * MINUTE);
    expect((await inbox(ws.token)).items.map((n: any) => n.kind)).toEqual(["needs_person"]);
  });
});

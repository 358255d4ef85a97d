import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "../../tests/api";
import { settle, uniqueDigits, whatsappText, workspace } from "../../tests/conversations";
import type { Env } from "../env";
import { acceptInboundEvent } from "../conversations/inbound-store";
import { channelById } from "../conversations/channels";
import { queueOutbound } from "../conversations/outbound";
import { deliverOutboxMessage } from "../outbox/deliver";
import { handlers } from "./handlers";
import type { QueueMessage } from "./messages";
import { recoverAfterRestart } from "./restart-recovery";
import { countPending } from "./pending-work";

/** An env whose queue messages vanish (the local queue dying with its process), or are kept to look at. */
function queueSpy(keep: boolean) {
  const sent: QueueMessage[] = [];
  const EVENTS = {
    send: async (body: QueueMessage) => void (keep && sent.push(body)),
    sendBatch: async (batch: { body: QueueMessage }[]) => void (keep && sent.push(...batch.map((m) => m.body))),
  };
  return { sent, env: { ...env, EVENTS } as unknown as Env };
}

const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n;

describe("integration: recovery after a restart", () => {
  it("queues again what the dead process held, and each piece of work happens once however often it runs", async () => {
    const ws = await workspace();
    const from = `1512${uniqueDigits(7)}`;
    const wamid = `wamid.${uniqueDigits(12)}`;
    // Acknowledged before the crash: stored, its queue message gone.
    const eventId = await acceptInboundEvent(
      queueSpy(false).env,
      {
        tenantId: ws.tenantId,
        channelId: ws.whatsapp.id,
        provider: "whatsapp",
        contentType: "application/json",
        body: whatsappText(ws, from, "Leaking pipe under the sink at 8 Bay St 78704, I'm Jo", wamid),
      },
      from,
    );
    // A send claimed just before the crash, with no outcome recorded.
    const claimedAt = Date.now() - 1000;
    await env.DB.prepare(
      "INSERT INTO outbox (id, tenant_id, channel, recipient, sender, body, status, provider, idempotency_key, attempts, created_at, updated_at) VALUES ('out_cut', ?, 'whatsapp', ?, ?, 'On our way', 'queued', 'pending', 'cut-by-restart', 1, ?, ?)",
    )
      .bind(ws.tenantId, from, ws.whatsapp.phoneNumberId, claimedAt, claimedAt)
      .run();

    expect((await countPending(env)).inboundEvents).toBeGreaterThanOrEqual(1);
    const recovery = queueSpy(true);
    const result = await recoverAfterRestart(recovery.env, Date.now() + 1);
    expect(result.attemptsReleased).toBeGreaterThanOrEqual(1);
    expect(recovery.sent).toContainEqual({ kind: "inbound.event", eventId, orderKey: `${ws.whatsapp.id}:${from}` });
    expect(recovery.sent).toContainEqual({ kind: "outbox.send", outboxId: "out_cut" });

    // The recovered messages run twice over (a second restart, a redelivery): no second effect.
    for (let round = 0; round < 2; round++) {
      for (const message of recovery.sent) await handlers[message.kind](env, message as never).catch(() => undefined);
      await settle();
    }
    expect((await countPending(env)).inboundEvents).toBe(0);
    expect(await count("SELECT count(*) AS n FROM messages WHERE provider_message_id = ? AND direction = 'in'", wamid)).toBe(1);
    const replies = await env.DB.prepare("SELECT status, attempts FROM outbox WHERE idempotency_key LIKE ?")
      .bind(`reply:${wamid}:%`)
      .all<{ status: string; attempts: number }>();
    expect(replies.results.length).toBeGreaterThanOrEqual(1);
    expect(replies.results.every((r) => r.status === "simulated" && r.attempts === 1)).toBe(true);
    expect(await env.DB.prepare("SELECT status, attempts FROM outbox WHERE id = 'out_cut'").first()).toEqual({
      status: "simulated",
      attempts: 2,
    });
  }, 30_000); // two full conversation turns and their replies, on a busy machine

  it("a retried turn queues its still-queued reply again instead of leaving it to the cron", async () => {
    const ws = await workspace();
    const channel = (await channelById(env, ws.tenantId, ws.whatsapp.id))!;
    const target = { tenantId: ws.tenantId, channel, to: `1512${uniqueDigits(7)}`, conversationId: null };
    const reply = { body: "Thanks, a plumber will call you.", payload: null, kind: "text" as const };
    const options = { idempotencyKey: `reply:wamid.${uniqueDigits(12)}:0`, author: "ai" as const };
    const first = await queueOutbound(queueSpy(false).env, target, reply, options);

    const retried = queueSpy(true);
    expect((await queueOutbound(retried.env, target, reply, options)).outboxId).toBe(first.outboxId);
    expect(retried.sent).toEqual([{ kind: "outbox.send", outboxId: first.outboxId }]);

    await deliverOutboxMessage(env, first.outboxId);
    const late = queueSpy(true);
    await queueOutbound(late.env, target, reply, options);
    expect(late.sent).toEqual([]);
  });

  it("ops only, with the time the server started; the pending counts beside it", async () => {
    expect((await call("POST", `/api/v1/admin/recover?startedAt=${Date.now()}`)).status).toBe(401);
    const missing = await call("POST", "/api/v1/admin/recover", { token: "test-ops-token" });
    expect(missing.status).toBe(400);
    expect((await json(missing)).detail).toMatch(/startedAt must be the time the server started/);
    const future = await call("POST", `/api/v1/admin/recover?startedAt=${Date.now() + 60_000}`, { token: "test-ops-token" });
    expect(future.status).toBe(400);
    const ok = await call("POST", `/api/v1/admin/recover?startedAt=${Date.now()}`, { token: "test-ops-token" });
    expect(ok.status).toBe(200);
    expect(Object.keys(await json(ok)).sort()).toEqual(["attemptsReleased", "inboundEvents", "outbox", "stripeEvents"]);
    const pending = await call("GET", "/api/v1/admin/pending", { token: "test-ops-token" });
    expect(Object.keys(await json(pending)).sort()).toEqual(["inboundEvents", "outbox", "stripeEvents"]);
  });
});

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import worker from "../index";
import { backoffSeconds, DEAD_LETTER_QUEUE, EVENTS_QUEUE } from "./consumer";
import { queueEmail } from "../outbox/email";

const message = (id: string, body: unknown, attempts = 1) => ({ id, timestamp: new Date(), attempts, body });

async function runBatch(queue: string, messages: ReturnType<typeof message>[]) {
  const batch = createMessageBatch(queue, messages);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe("integration: queue consumer", () => {
  it("acks handled messages", async () => {
    await queueEmail(env, { tenantId: "ten_q", idempotencyKey: "q-1", to: "a@example.com", subject: "s", body: "b" });
    const { id } = (await env.DB.prepare("SELECT id FROM outbox WHERE idempotency_key = 'q-1'").first<{ id: string }>())!;
    const result = await runBatch(EVENTS_QUEUE, [message("m1", { kind: "outbox.send", outboxId: id })]);
    expect(result.explicitAcks).toEqual(["m1"]);
    expect(result.retryMessages).toEqual([]);
  });

  it("retries failures with exponential backoff", async () => {
    await env.DB.prepare(
      "INSERT INTO outbox (id, tenant_id, channel, recipient, subject, body, status, provider, idempotency_key, created_at, updated_at) VALUES ('out_bad', 'ten_q', 'email', 'fail-500@example.com', 's', 'b', 'queued', 'pending', 'q-bad', 0, 0)",
    ).run();
    const failing = { ...env, RESEND_API_KEY: "re_key", RESEND_API_URL: inject("resendUrl") };
    const batch = createMessageBatch(EVENTS_QUEUE, [message("m2", { kind: "outbox.send", outboxId: "out_bad" }, 3)]);
    const ctx = createExecutionContext();
    await worker.queue(batch, failing, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([{ msgId: "m2" }]);
    expect([1, 2, 5, 20].map(backoffSeconds)).toEqual([2, 4, 32, 300]);
  });

  it("parks unknown kinds and dead-lettered messages in D1 for replay", async () => {
    const unknown = await runBatch(EVENTS_QUEUE, [message("m3", { kind: "nope" })]);
    expect(unknown.explicitAcks).toEqual(["m3"]);
    const dead = await runBatch(DEAD_LETTER_QUEUE, [message("m4", { kind: "outbox.send", outboxId: "out_gone" }, 6)]);
    expect(dead.explicitAcks).toEqual(["m4"]);
    const rows = await env.DB.prepare("SELECT queue, body, attempts FROM dead_letters ORDER BY created_at").all<{
      queue: string;
      body: string;
      attempts: number;
    }>();
    expect(rows.results.map((r) => [r.queue, JSON.parse(r.body).kind, r.attempts])).toEqual([
      [EVENTS_QUEUE, "nope", 1],
      [EVENTS_QUEUE, "outbox.send", 6],
    ]);
  });
});

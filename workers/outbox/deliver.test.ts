import { env } from "cloudflare:workers";
import { inject, describe, expect, it } from "vitest";
import { ATTEMPT_LEASE_MS, AttemptInProgress, deliverOutboxMessage } from "./deliver";
import { queueEmail } from "./email";
import { emailProvider } from "../providers/email";

const resendEnv = () => ({
  ...env,
  RESEND_API_KEY: "re_test_key",
  RESEND_API_URL: inject("resendUrl"),
  EMAIL_FROM: "Homeline <hi@homeline.test>",
});

async function queued(to: string, key = crypto.randomUUID()) {
  await queueEmail(env, { tenantId: "ten_x", idempotencyKey: key, to, subject: "Hello", body: "Body text" });
  return env.DB.prepare("SELECT * FROM outbox WHERE idempotency_key = ?").bind(key).first<{ id: string; status: string }>();
}

const row = (id: string) =>
  env.DB.prepare("SELECT status, provider, provider_message_id, attempts, last_error FROM outbox WHERE id = ?")
    .bind(id)
    .first<Record<string, unknown>>();
const sentTo = async (to: string) =>
  ((await (await fetch(`${inject("resendUrl")}/__sent`)).json()) as { body: { to: string[] } }[]).filter((e) => e.body.to[0] === to);

describe("integration: email outbox", () => {
  it("without a key, delivery is simulated and marked so; production refuses to simulate", async () => {
    expect(emailProvider(env).name).toBe("local");
    expect(() => emailProvider({ ...env, ENVIRONMENT: "production" })).toThrow(/RESEND_API_KEY/);
    const message = (await queued("someone@example.com"))!;
    await deliverOutboxMessage(env, message.id);
    expect(await row(message.id)).toMatchObject({ status: "simulated", provider: "local", attempts: 1 });
  });

  it("sends through the real Resend adapter (contract fake) exactly once per idempotency key", async () => {
    const message = (await queued("real@example.com"))!;
    await deliverOutboxMessage(resendEnv(), message.id);
    await deliverOutboxMessage(resendEnv(), message.id); // a redelivered queue message
    expect(await row(message.id)).toMatchObject({ status: "sent", provider: "resend", attempts: 1 });
    const sent = await sentTo("real@example.com");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      authorization: "Bearer re_test_key",
      body: { from: "Homeline <hi@homeline.test>", subject: "Hello", text: "Body text" },
    });
  });

  it("a transient provider error throws (the queue retries); a permanent one fails the row for good", async () => {
    const flaky = (await queued("fail-500@example.com"))!;
    await expect(deliverOutboxMessage(resendEnv(), flaky.id)).rejects.toThrow(/Resend 500/);
    expect(await row(flaky.id)).toMatchObject({ status: "retrying", attempts: 1 });
    const rejected = (await queued("reject-422@example.com"))!;
    await deliverOutboxMessage(resendEnv(), rejected.id);
    expect(await row(rejected.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(String((await row(rejected.id))!.last_error)).toContain("422");
  });

  it("two deliveries of one row at once (a redelivery, a recovery): one send", async () => {
    const message = (await queued("race@example.com"))!;
    const outcomes = await Promise.allSettled([
      deliverOutboxMessage(resendEnv(), message.id),
      deliverOutboxMessage(resendEnv(), message.id),
    ]);
    // The one that lost finds the row sent, or still being sent (then the queue retries it and it finds it sent).
    for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(AttemptInProgress);
    await deliverOutboxMessage(resendEnv(), message.id);
    expect(await sentTo("race@example.com")).toHaveLength(1);
    expect(await row(message.id)).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("an attempt under way makes another delivery wait; once its lease is over, it counts as dead and the row is sent", async () => {
    const message = (await queued("lease@example.com"))!;
    await env.DB.prepare("UPDATE outbox SET attempts = 1, updated_at = ? WHERE id = ?").bind(Date.now(), message.id).run();
    await expect(deliverOutboxMessage(resendEnv(), message.id)).rejects.toThrow(AttemptInProgress);
    expect(await sentTo("lease@example.com")).toHaveLength(0);
    await env.DB.prepare("UPDATE outbox SET updated_at = ? WHERE id = ?")
      .bind(Date.now() - ATTEMPT_LEASE_MS - 1, message.id)
      .run();
    await deliverOutboxMessage(resendEnv(), message.id);
    expect(await sentTo("lease@example.com")).toHaveLength(1);
    expect(await row(message.id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("queues each idempotency key once", async () => {
    await queued("twice@example.com", "same-key");
    await queued("twice@example.com", "same-key");
    const count = await env.DB.prepare("SELECT count(*) AS n FROM outbox WHERE idempotency_key = 'same-key'").first<{ n: number }>();
    expect(count!.n).toBe(1);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { call, json, signup } from "../../tests/api";
import { topUp, walletOf } from "../../tests/wallet";
import { deliverOutboxMessage } from "../outbox/deliver";

const row = (id: string) =>
  env.DB.prepare("SELECT status, last_error FROM outbox WHERE id = ?").bind(id).first<{ status: string; last_error: string | null }>();
const ledger = async (token: string) =>
  (await json(await call("GET", "/api/v1/wallet/ledger", { token }))).items as {
    type: string;
    credits: number;
    channel: string;
    quantity: number;
    reference: string;
  }[];

/** An outbox row, written directly: delivered only by the test, never by the background queue. */
async function outboxRow(tenantId: string, fields: { channel?: string; to?: string; body?: string; billable?: boolean } = {}) {
  const id = `out_${crypto.randomUUID()}`;
  await env.DB.prepare(
    "INSERT INTO outbox (id, tenant_id, channel, recipient, sender, subject, body, billable, status, provider, idempotency_key, created_at, updated_at) VALUES (?, ?, ?, ?, '+15125550100', 'Your quote', ?, ?, 'queued', 'pending', ?, 0, 0)",
  )
    .bind(
      id,
      tenantId,
      fields.channel ?? "email",
      fields.to ?? "lead@example.com",
      fields.body ?? "Hello",
      fields.billable === false ? 0 : 1,
      id,
    )
    .run();
  return id;
}

describe("integration: paid outbound messages", () => {
  it("are free until the workspace has a funded wallet", async () => {
    const owner = await signup();
    const id = await outboxRow(owner.tenantId);
    await deliverOutboxMessage(env, id);
    expect((await row(id))!.status).toBe("simulated");
    expect((await walletOf(owner.token)).balance).toBe(0);
  });

  it("then each email is held, and captured once sent; notices are never charged", async () => {
    const owner = await signup();
    await topUp(owner.token, 10);
    const id = await outboxRow(owner.tenantId);
    await deliverOutboxMessage(env, id);
    await deliverOutboxMessage(env, id); // a redelivered queue message sends and charges nothing more
    expect((await row(id))!.status).toBe("simulated");
    expect((await walletOf(owner.token)).balance).toBe(9);
    expect((await ledger(owner.token)).slice(0, 2).map((e) => [e.type, e.credits, e.channel, e.reference])).toEqual([
      ["capture", -1, "email", id],
      ["hold", 0, "email", id],
    ]);
    const notice = await outboxRow(owner.tenantId, { billable: false });
    await deliverOutboxMessage(env, notice);
    expect((await walletOf(owner.token)).balance).toBe(9);
  });

  it("charges SMS per segment", async () => {
    const owner = await signup();
    await topUp(owner.token, 100);
    await deliverOutboxMessage(env, await outboxRow(owner.tenantId, { channel: "sms", to: "+15125550123", body: "x".repeat(200) }));
    expect((await ledger(owner.token))[0]).toMatchObject({ type: "capture", channel: "sms", quantity: 2, credits: -10 });
  });

  it("a failed send releases its hold; an empty wallet fails the message with the reason", async () => {
    const owner = await signup();
    await topUp(owner.token, 1);
    const resend = { ...env, RESEND_API_KEY: "re_test_key", RESEND_API_URL: inject("resendUrl") };
    const flaky = await outboxRow(owner.tenantId, { to: "fail-500@example.com" });
    await expect(deliverOutboxMessage(resend, flaky)).rejects.toThrow(/Resend 500/);
    expect(await walletOf(owner.token)).toMatchObject({ balance: 1, reserved: 0 });
    expect((await ledger(owner.token))[0]).toMatchObject({ type: "release" });

    await call("POST", "/api/v1/wallet/debits", { token: owner.token, body: { channel: "email", quantity: 1 } });
    const unpaid = await outboxRow(owner.tenantId);
    await deliverOutboxMessage(env, unpaid);
    expect(await row(unpaid)).toMatchObject({ status: "failed", last_error: expect.stringMatching(/^Not enough credits/) });
  });
});

import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { runMaintenance } from "./maintenance";

describe("integration: maintenance cron", () => {
  it("purges dead sessions and re-queues stuck outbox rows, and a second run changes nothing more", async () => {
    const now = Date.now();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO tenants (id, name, slug, created_at) VALUES ('ten_c', 'C', 'c', 0)"),
      env.DB.prepare("INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('usr_c', 'c@example.com', 'C', 'x', 0)"),
      env.DB.prepare(
        "INSERT INTO refresh_sessions (id, family_id, user_id, tenant_id, token_hash, created_at, expires_at) VALUES ('rs_old', 'f', 'usr_c', 'ten_c', 'h1', 0, ?)",
      ).bind(now - 2 * 86_400_000),
      env.DB.prepare(
        "INSERT INTO refresh_sessions (id, family_id, user_id, tenant_id, token_hash, created_at, expires_at) VALUES ('rs_live', 'f2', 'usr_c', 'ten_c', 'h2', 0, ?)",
      ).bind(now + 86_400_000),
      env.DB.prepare(
        "INSERT INTO outbox (id, tenant_id, channel, recipient, body, status, provider, idempotency_key, created_at, updated_at) VALUES ('out_stuck', 'ten_c', 'email', 'x@example.com', 'b', 'queued', 'pending', 'stuck', 0, 0)",
      ),
    ]);
    expect(await runMaintenance(env, now)).toEqual({ sessionsPurged: 1, invitesPurged: 0, outboxRequeued: 1 });
    const remaining = await env.DB.prepare("SELECT id FROM refresh_sessions").all<{ id: string }>();
    expect(remaining.results.map((r) => r.id)).toEqual(["rs_live"]);
    await env.DB.prepare("UPDATE outbox SET status = 'simulated' WHERE id = 'out_stuck'").run();
    expect(await runMaintenance(env, now)).toEqual({ sessionsPurged: 0, invitesPurged: 0, outboxRequeued: 0 });
  });
});

describe("integration: scheduled handler", () => {
  it("runs the jobs declared for the trigger's cron expression", async () => {
    await env.DB.prepare("INSERT INTO tenants (id, name, slug, created_at) VALUES ('ten_s', 'S', 's', 0)").run();
    await env.DB.prepare(
      "INSERT INTO users (id, email, name, password_hash, created_at) VALUES ('usr_s', 's@example.com', 'S', 'x', 0)",
    ).run();
    await env.DB.prepare(
      "INSERT INTO refresh_sessions (id, family_id, user_id, tenant_id, token_hash, created_at, expires_at) VALUES ('rs_s', 'f', 'usr_s', 'ten_s', 'hs', 0, 1)",
    ).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/10 * * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await env.DB.prepare("SELECT id FROM refresh_sessions WHERE id = 'rs_s'").first()).toBeNull();
  });
});

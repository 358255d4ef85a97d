import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import type { Env } from "../env";
import { requeueStuckInboundEvents } from "../crons/inbound-recovery";
import { acceptInboundEvent } from "./inbound-store";
import { uniqueDigits, workspace } from "../../tests/conversations";

/** The real env with a queue that records what is sent (and can be made to fail). */
function recordingEnv() {
  const send = vi.fn(async (_message: unknown) => undefined);
  return { testEnv: { ...env, EVENTS: { ...env.EVENTS, send } } as unknown as Env, send };
}

const stored = async (channelId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM inbound_events WHERE channel_id = ?").bind(channelId).first<{ n: number }>())!.n;

describe("acceptInboundEvent", () => {
  it("stores and queues a delivery once; its resend is acknowledged without a second row or queue message", async () => {
    const ws = await workspace();
    const { testEnv, send } = recordingEnv();
    const event = { tenantId: ws.tenantId, channelId: ws.whatsapp.id, provider: "whatsapp" as const, contentType: "application/json" };
    const key = `wamid.${uniqueDigits(12)}`;

    const id = await acceptInboundEvent(testEnv, { ...event, body: "{}", deliveryKey: key }, "15125550100");
    expect(id).toMatch(/^evt_/);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toMatchObject({ kind: "inbound.event", eventId: id, orderKey: `${ws.whatsapp.id}:15125550100` });

    expect(await acceptInboundEvent(testEnv, { ...event, body: "{}", deliveryKey: key }, "15125550100")).toBeUndefined();
    expect(send).toHaveBeenCalledTimes(1);
    expect(await stored(ws.whatsapp.id)).toBe(1);

    // Another message, and bodies without a key (nothing this app reads), are each stored.
    expect(await acceptInboundEvent(testEnv, { ...event, body: "{}", deliveryKey: `${key}-2` }, "15125550100")).toMatch(/^evt_/);
    await acceptInboundEvent(testEnv, { ...event, body: "{}" }, undefined);
    await acceptInboundEvent(testEnv, { ...event, body: "{}" }, undefined);
    expect(send).toHaveBeenCalledTimes(4);
    expect(await stored(ws.whatsapp.id)).toBe(4);
  });

  it("the same key on another channel is another delivery", async () => {
    const ws = await workspace();
    const { testEnv } = recordingEnv();
    const base = { tenantId: ws.tenantId, provider: "twilio" as const, contentType: "application/x-www-form-urlencoded", body: "" };
    expect(await acceptInboundEvent(testEnv, { ...base, channelId: ws.sms.id, deliveryKey: "SM1" }, undefined)).toBeDefined();
    expect(await acceptInboundEvent(testEnv, { ...base, channelId: ws.whatsapp.id, deliveryKey: "SM1" }, undefined)).toBeDefined();
  });

  it("nothing acknowledged is lost: a stored delivery whose queue message failed is acknowledged on resend and queued by the recovery cron", async () => {
    const ws = await workspace();
    const { testEnv, send } = recordingEnv();
    const event = { tenantId: ws.tenantId, channelId: ws.sms.id, provider: "twilio" as const, contentType: "text/plain", body: "" };
    send.mockRejectedValueOnce(new Error("queue unavailable"));
    // The first delivery fails after storing (the webhook answers 500, so the provider resends)…
    await expect(acceptInboundEvent(testEnv, { ...event, deliveryKey: "SMlost" }, undefined)).rejects.toThrow("queue unavailable");
    // …the resend is acknowledged without a queue message…
    expect(await acceptInboundEvent(testEnv, { ...event, deliveryKey: "SMlost" }, undefined)).toBeUndefined();
    const row = await env.DB.prepare("SELECT id FROM inbound_events WHERE channel_id = ? AND delivery_key = 'SMlost'")
      .bind(ws.sms.id)
      .first<{ id: string }>();
    expect(row).not.toBeNull();
    // …and the stored event still reaches the queue: the cron queues what stayed unprocessed.
    send.mockClear();
    await requeueStuckInboundEvents(testEnv, Date.now() + 16 * 60_000);
    expect(send.mock.calls.map(([message]) => message)).toContainEqual({ kind: "inbound.event", eventId: row!.id });
  });
});

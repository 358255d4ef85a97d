import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../index";
import { EVENTS_QUEUE } from "../queue/consumer";
import { whatsappText, workspace } from "../../tests/conversations";

async function storeEvent(tenantId: string, channelId: string, id: string, body: string) {
  await env.DB.prepare(
    "INSERT INTO inbound_events (id, tenant_id, channel_id, provider, content_type, body, received_at) VALUES (?, ?, ?, 'whatsapp', 'application/json', ?, ?)",
  )
    .bind(id, tenantId, channelId, body, Date.now())
    .run();
}

describe("integration: inbound events on the queue", () => {
  it("a contact's later events wait behind its failed one; other contacts go ahead concurrently", async () => {
    const ws = await workspace();
    await storeEvent(ws.tenantId, ws.whatsapp.id, "evt_a1", "{ not json");
    await storeEvent(ws.tenantId, ws.whatsapp.id, "evt_a2", whatsappText(ws, "15125550101", "second message of A"));
    await storeEvent(ws.tenantId, ws.whatsapp.id, "evt_b1", whatsappText(ws, "15125550102", "first message of B"));
    const message = (id: string, eventId: string, contact: string) => ({
      id,
      timestamp: new Date(),
      attempts: 1,
      body: { kind: "inbound.event", eventId, orderKey: `${ws.whatsapp.id}:${contact}` },
    });
    const batch = createMessageBatch(EVENTS_QUEUE, [
      message("m1", "evt_a1", "15125550101"),
      message("m2", "evt_a2", "15125550101"),
      message("m3", "evt_b1", "15125550102"),
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(["m3"]);
    expect(result.retryMessages.map((m) => m.msgId).sort()).toEqual(["m1", "m2"]);
    const processed = await env.DB.prepare("SELECT id FROM inbound_events WHERE processed_at IS NOT NULL").all<{ id: string }>();
    expect(processed.results.map((r) => r.id)).toEqual(["evt_b1"]);
  });
});

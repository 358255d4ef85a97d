import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem } from "../../tests/api";
import { workspace } from "../../tests/conversations";
import { streamHandshake, streamPath, streamSignature, twilioStream } from "../../tests/media-stream";
import { phoneCall } from "../../tests/voice";
import { findAll } from "../../tests/xml";
import { verifyStreamToken } from "../voice/stream-token";

const callRow = (sid: string) =>
  env.DB.prepare("SELECT id, mode, status FROM calls WHERE call_sid = ?").bind(sid).first<{ id: string; mode: string; status: string }>();

describe("voice webhook: the Media Streams answer", () => {
  it("a workspace in auto mode with STT and TTS configured gets <Connect><Stream> with the call id and its token", async () => {
    const ws = await workspace();
    const c = phoneCall(ws);
    const doc = await c.start();
    const row = (await callRow(c.CallSid))!;
    expect(row).toMatchObject({ mode: "stream", status: "in-progress" });
    expect(findAll(doc, "Gather")).toHaveLength(0);
    const [stream] = findAll(doc, "Stream");
    expect(findAll(doc, "Connect")).toHaveLength(1);
    expect(stream!.attributes.url).toBe(`ws://localhost:8787/voice/stream/${row.id}`);
    const params = Object.fromEntries(stream!.children.map((p) => [p.attributes.name, p.attributes.value]));
    expect(params.callId).toBe(row.id);
    expect(await verifyStreamToken(env, row.id, params.token)).toBe(true);
    // A retried first webhook gets the same stream, never a Gather in the middle of a streamed call.
    expect(findAll(await c.start(), "Stream")[0]!.attributes.url).toBe(stream!.attributes.url);
  });

  it("a workspace that chose the Gather path keeps it", async () => {
    const ws = await workspace();
    await env.DB.prepare("INSERT INTO voice_settings (tenant_id, voice_mode, updated_at) VALUES (?, 'gather', ?)")
      .bind(ws.tenantId, Date.now())
      .run();
    const c = phoneCall(ws);
    expect(findAll(await c.start(), "Gather")).toHaveLength(1);
    expect(await callRow(c.CallSid)).toMatchObject({ mode: "gather" });
  });
});

describe("GET /voice/stream/:callId (the Media Streams handshake)", () => {
  it("refuses a missing or wrong X-Twilio-Signature, and a plain request", async () => {
    const id = `call_${crypto.randomUUID().replace(/-/g, "")}`;
    await expectProblem(await streamHandshake(id, null), 401);
    await expectProblem(await streamHandshake(id, streamSignature("call_other")), 401);
    await expectProblem(await streamHandshake(id, streamSignature(id, "not-the-auth-token")), 401);
    await expectProblem(await call("GET", streamPath(id), { headers: { "X-Twilio-Signature": streamSignature(id) } }), 426);
    await expectProblem(await call("GET", "/voice/stream/bad%20id!", { headers: { Upgrade: "websocket" } }), 404);
  });

  it("a signed handshake connects; a start without the call's token is closed with 1008", async () => {
    const ws = await workspace();
    const c = phoneCall(ws);
    await c.start();
    const { id } = (await callRow(c.CallSid))!;
    const forged = await twilioStream(id);
    expect(forged.response.status).toBe(101);
    forged.connected();
    forged.start(c.CallSid, { callId: id, token: "forged-token" });
    await forged.until(() => forged.closed !== null, 3000, "close");
    expect(forged.closed).toMatchObject({ code: 1008 });

    const otherCall = await twilioStream(id);
    otherCall.start(c.CallSid, { callId: "call_someone_else", token: "x" });
    await otherCall.until(() => otherCall.closed !== null, 3000, "close");
    expect(otherCall.closed).toMatchObject({ code: 1008 });
    expect(otherCall.mediaCount()).toBe(0);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { workspace } from "../../../tests/conversations";
import { mulawWav, seedCall } from "../../../tests/voice";
import { stereoWav } from "../audio/wav";
import { storeRecording } from "./recording";
import { wavDurationSeconds } from "./wav-duration";

describe("storeRecording", () => {
  it("stores a private WAV under recordings/{tenant}/{call}.wav and puts key and seconds on the call", async () => {
    const ws = await workspace();
    const c = await seedCall(ws);
    const wav = mulawWav(7.25);
    const key = await storeRecording(env, { tenantId: ws.tenantId, callId: c.id }, wav);
    expect(key).toBe(`recordings/${ws.tenantId}/${c.id}.wav`);
    const object = await env.MEDIA.get(key);
    expect(object?.httpMetadata?.contentType).toBe("audio/wav");
    const stored = new Uint8Array(await object!.arrayBuffer());
    expect(stored).toEqual(wav);
    expect(wavDurationSeconds(stored)).toBe(7.25);
    expect(await env.DB.prepare("SELECT recording_key, recording_seconds FROM calls WHERE id = ?").bind(c.id).first()).toEqual({
      recording_key: key,
      recording_seconds: 7.25,
    });
  });

  it("reads the length of the CallSession's two-sided recording", async () => {
    const ws = await workspace();
    const c = await seedCall(ws);
    const caller = new Uint8Array(8000 * 3).fill(0xff); // 3 s of μ-law silence; the agent spoke for 2 s
    await storeRecording(env, { tenantId: ws.tenantId, callId: c.id }, stereoWav(caller, caller.subarray(0, 16000)));
    expect(await env.DB.prepare("SELECT recording_seconds FROM calls WHERE id = ?").bind(c.id).first()).toEqual({ recording_seconds: 3 });
  });

  it("refuses bytes that are not a WAV and a call of another tenant, leaving nothing behind", async () => {
    const a = await workspace();
    const b = await workspace();
    const c = await seedCall(a);
    await expect(storeRecording(env, { tenantId: a.tenantId, callId: c.id }, new TextEncoder().encode("RIFF....garbage"))).rejects.toThrow(
      /not a readable WAV/,
    );
    await expect(storeRecording(env, { tenantId: b.tenantId, callId: c.id }, mulawWav(1))).rejects.toThrow(/No call/);
    expect(await env.MEDIA.get(`recordings/${b.tenantId}/${c.id}.wav`)).toBeNull();
    expect(await env.DB.prepare("SELECT recording_key FROM calls WHERE id = ?").bind(c.id).first()).toEqual({ recording_key: null });
  });
});

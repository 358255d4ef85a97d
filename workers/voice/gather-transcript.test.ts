import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { call, json } from "../../tests/api";
import { workspace } from "../../tests/conversations";
import { phoneCall } from "../../tests/voice";

/** A workspace whose calls take the TwiML Gather path (the test environment has streaming providers). */
async function gatherWorkspace(forwardNumber: string | null = null) {
  const ws = await workspace();
  await call("PUT", "/api/v1/voice/settings", { token: ws.token, body: { forwardNumber, voiceMode: "gather" } });
  return ws;
}
const callId = async (sid: string) =>
  (await env.DB.prepare("SELECT id FROM calls WHERE call_sid = ?").bind(sid).first<{ id: string }>())!.id;

describe("Gather path records", () => {
  it("a call writes its timed transcript as it goes and its summary and score when the status callback ends it", async () => {
    const ws = await gatherWorkspace();
    const c = phoneCall(ws, "+15125550166");
    await c.start();
    await c.say("Water is pouring through my kitchen ceiling!");
    await c.say("12 Oak Street, Austin 78704");
    await c.say("Maria Garcia");
    await c.say("The second one.");
    const id = await callId(c.CallSid);

    const live = await json(await call("GET", `/api/v1/calls/${id}`, { token: ws.token }));
    expect(live.status).toBe("in-progress");
    expect(live.transcript.map((e: any) => e.seq)).toEqual(live.transcript.map((_: unknown, i: number) => i));
    expect(live.transcript[0]).toMatchObject({
      speaker: "agent",
      startMs: 0,
      text: expect.stringMatching(/^This call is recorded so we can help you better\. Thanks for calling Leak Busters/),
    });
    expect(live.transcript.filter((e: any) => e.speaker === "caller").map((e: any) => e.text)).toEqual([
      "Water is pouring through my kitchen ceiling!",
      "12 Oak Street, Austin 78704",
      "Maria Garcia",
      "The second one.",
    ]);
    expect(live.transcript.at(-1)).toMatchObject({ speaker: "agent", text: expect.stringMatching(/^Booked: .* with Pat Plumber/) });
    const times = live.transcript.map((e: any) => e.startMs);
    expect(times).toEqual([...times].sort((a: number, b: number) => a - b));

    expect((await c.end(95)).status).toBe(200);
    const done = await vi.waitFor(async () => {
      const detail = await json(await call("GET", `/api/v1/calls/${id}`, { token: ws.token }));
      if (!detail.summary) throw new Error("no summary yet");
      return detail;
    });
    expect(done).toMatchObject({ status: "completed", outcome: "completed", qualificationScore: 100, lead: { name: "Maria Garcia" } });
    expect(done.summary).toMatch(/^Emergency plumbing job at 12 Oak Street.* for Maria Garcia.*Booked .* with Pat Plumber\.$/);
  });

  it("pressing 0 with a forward number set records the transfer and why", async () => {
    const ws = await gatherWorkspace("+15125550999");
    const c = phoneCall(ws);
    await c.start();
    await c.press("0");
    const detail = await json(await call("GET", `/api/v1/calls/${await callId(c.CallSid)}`, { token: ws.token }));
    expect(detail).toMatchObject({ outcome: "transferred", endReason: "dtmf" });
    expect(detail.transcript.slice(1).map((e: any) => [e.speaker, e.text])).toEqual([
      ["caller", "Pressed 0"],
      ["agent", "Connecting you to the team now."],
    ]);
  });
});

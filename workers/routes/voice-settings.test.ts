import { describe, expect, it } from "vitest";
import { call, expectProblem, json } from "../../tests/api";
import { workspace } from "../../tests/conversations";
import { DEFAULT_DISCLOSURE } from "../voice/voice-settings";

const put = (token: string, body: unknown) => call("PUT", "/api/v1/voice/settings", { token, body });

describe("/api/v1/voice/settings", () => {
  it("defaults until set; a national number is stored as E.164 in the workspace's country", async () => {
    const ws = await workspace();
    const disclosure = { recordingDisclosure: true, disclosureText: DEFAULT_DISCLOSURE };
    expect(await json(await call("GET", "/api/v1/voice/settings", { token: ws.token }))).toEqual({
      forwardNumber: null,
      voiceMode: "auto",
      ...disclosure,
    });
    const saved = await json(await put(ws.token, { forwardNumber: "(512) 555-0199", voiceMode: "gather" }));
    expect(saved).toEqual({ forwardNumber: "+15125550199", voiceMode: "gather", ...disclosure });
    expect(await json(await call("GET", "/api/v1/voice/settings", { token: ws.token }))).toEqual(saved);
    expect(await json(await put(ws.token, { forwardNumber: null, voiceMode: "auto" }))).toMatchObject({
      forwardNumber: null,
      voiceMode: "auto",
    });
  });

  it("the recording disclosure: on by default, its own wording, off; a PUT without it leaves it as it was", async () => {
    const ws = await workspace();
    const base = { forwardNumber: null, voiceMode: "auto" };
    expect(await json(await put(ws.token, { ...base, disclosureText: "  Calls are recorded for training.  " }))).toMatchObject({
      recordingDisclosure: true,
      disclosureText: "Calls are recorded for training.",
    });
    expect(await json(await put(ws.token, { ...base, recordingDisclosure: false }))).toMatchObject({
      recordingDisclosure: false,
      disclosureText: "Calls are recorded for training.",
    });
    expect(await json(await put(ws.token, base))).toMatchObject({ recordingDisclosure: false });
    expect(await json(await put(ws.token, { ...base, recordingDisclosure: true, disclosureText: null }))).toMatchObject({
      recordingDisclosure: true,
      disclosureText: DEFAULT_DISCLOSURE,
    });
    const empty = await expectProblem(await put(ws.token, { ...base, disclosureText: "   " }), 400);
    expect(empty.detail).toMatch(/Write the disclosure, or turn it off/);
    await expectProblem(await put(ws.token, { ...base, disclosureText: "x".repeat(301) }), 400);
    await expectProblem(await put(ws.token, { ...base, recordingDisclosure: "yes" }), 400);
  });

  it("bad input is a 400 problem+json naming the field", async () => {
    const ws = await workspace();
    const bad = await expectProblem(await put(ws.token, { forwardNumber: "12345", voiceMode: "auto" }), 400);
    expect(bad.errors).toEqual([{ field: "forwardNumber", message: "Invalid phone number." }]);
    await expectProblem(await put(ws.token, { forwardNumber: "+15125550199", voiceMode: "robot" }), 400);
    await expectProblem(await put(ws.token, { forwardNumber: "+15125550199", voiceMode: "auto", extra: 1 }), 400);
    await expectProblem(await put(ws.token, { voiceMode: "auto" }), 400);
    expect((await json(await call("GET", "/api/v1/voice/settings", { token: ws.token }))).forwardNumber).toBeNull();
  });

  it("agents may read but not change them", async () => {
    const ws = await workspace();
    const invite = await json(
      await call("POST", "/api/v1/invites", {
        token: ws.token,
        body: { email: `agent-${crypto.randomUUID()}@example.com`, role: "agent" },
      }),
    );
    const inviteToken = new URL(invite.acceptUrl).hash.replace("#token=", ""); // the emailed link carries it
    const agent = await json(
      await call("POST", "/api/v1/auth/accept-invite", {
        body: { token: inviteToken, name: "Andy Agent", password: "correct horse battery staple" },
      }),
    );
    expect((await call("GET", "/api/v1/voice/settings", { token: agent.accessToken })).status).toBe(200);
    await expectProblem(await put(agent.accessToken, { forwardNumber: "+15125550199", voiceMode: "auto" }), 403);
  });
});

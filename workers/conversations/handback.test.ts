import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json } from "../../tests/api";
import {
  demoWorkspace,
  postWhatsApp,
  replies,
  settle,
  thread,
  uniqueDigits,
  whatsappText,
  type Workspace,
} from "../../tests/conversations";
import type { ScriptedReply } from "../../tests/fakes/anthropic";

const PROMISE = "Hi, this is Sam from the office. Our roofer can come tomorrow at 9am.";
const fake = env.ANTHROPIC_BASE_URL!;
const text = (t: string): ScriptedReply => ({ content: [{ type: "text", text: t }], stop_reason: "end_turn" });

async function takeOverPromiseAndHandBack(ws: Workspace, customer: string) {
  const { id } = await thread(ws, customer);
  expect((await call("POST", `/api/v1/conversations/${id}/takeover`, { token: ws.token })).status).toBe(200);
  expect((await call("POST", `/api/v1/conversations/${id}/messages`, { token: ws.token, body: { text: PROMISE } })).status).toBe(201);
  expect((await call("POST", `/api/v1/conversations/${id}/handback`, { token: ws.token })).status).toBe(200);
  await settle();
}

describe("integration: hand-back with context — the AI stands by what the team said", () => {
  it("local engine: 'what time will they come?' is answered from the team's promise, with no hand-off and no 'no pro free'", async () => {
    const ws = await demoWorkspace();
    const customer = `1512${uniqueDigits(7)}`;
    const say = async (words: string) => {
      await postWhatsApp(whatsappText(ws, customer, words));
      await settle();
      return replies(await thread(ws, customer)).at(-1)!;
    };
    await say("my roof is leaking");
    expect(await say("can I talk to a person")).toMatch(/member of our team/);
    await takeOverPromiseAndHandBack(ws, customer);

    const answer = await say("what time will they come?");
    expect(answer).toContain("Our roofer can come tomorrow at 9am");
    expect(answer).not.toMatch(/don't have a pro free|member of our team will/);
    const t = await thread(ws, customer);
    expect(t).toMatchObject({ mode: "ai" });
    expect(t.stage).not.toBe("handoff");
    expect(await say("great, thanks")).toMatch(/noted.*Our roofer can come tomorrow at 9am/s);
    expect((await thread(ws, customer)).mode).toBe("ai");
  }, 20_000);

  it("Claude: the team's messages are in the history and the instructions, and its answer goes out", async () => {
    const ws = await demoWorkspace("auto");
    const company = (await json(await call("GET", "/api/v1/me", { token: ws.token }))).tenant.name;
    await fetch(`${fake}/__script`, {
      method: "POST",
      body: JSON.stringify({
        key: company,
        replies: [text("Sorry to hear that! What's the address?"), text("Our roofer will be with you tomorrow at 9am, as Sam said.")],
      }),
    });
    const customer = `1512${uniqueDigits(7)}`;
    await postWhatsApp(whatsappText(ws, customer, "my roof is leaking"));
    await settle();
    await takeOverPromiseAndHandBack(ws, customer);
    await postWhatsApp(whatsappText(ws, customer, "what time will they come?"));
    await settle();

    const t = await thread(ws, customer);
    expect(replies(t).at(-1)).toBe("Our roofer will be with you tomorrow at 9am, as Sam said.");
    expect(t.mode).toBe("ai");
    const sent = (await (await fetch(`${fake}/__requests?key=${encodeURIComponent(company)}`)).json()) as any[];
    const last = sent.at(-1);
    expect(last.system).toContain("What the team said and did stands. Never contradict it");
    expect(last.system).toContain(`“${PROMISE}”`);
    expect(last.messages.map((m: any) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(last.messages[1].content).toBe(`Sorry to hear that! What's the address?\n[team] ${PROMISE}`);
    expect(last.messages[2].content).toBe("what time will they come?");
  }, 20_000);
});

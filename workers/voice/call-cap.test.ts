import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signup } from "../../tests/api";
import { admitCall } from "./call-cap";

describe("admitCall: the platform-wide concurrent-call counter", () => {
  it("admits up to the cap atomically, re-admits a retried webhook, and frees a place when a call ends", async () => {
    const owner = await signup();
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM calls WHERE status = 'in-progress'").first<{ n: number }>())!;
    const max = n + 3;
    const attempt = (i: number) =>
      admitCall(
        env,
        {
          tenantId: owner.tenantId,
          callSid: `CACAP${i}-${crypto.randomUUID()}`,
          channelId: "chn_x",
          from: "+15125550100",
          to: "+15125550199",
          holdId: null,
          now: Date.now(),
        },
        max,
      );
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt(i)));
    expect(results.filter((r) => r.admitted)).toHaveLength(3);
    const sid = `CARETRY-${crypto.randomUUID()}`;
    const again = { tenantId: owner.tenantId, callSid: sid, channelId: "chn_x", from: "+1", to: "+1", holdId: null, now: Date.now() };
    expect((await admitCall(env, again, max)).admitted).toBe(false);
    await env.DB.prepare("UPDATE calls SET status = 'completed' WHERE call_sid LIKE 'CACAP%'").run();
    const first = await admitCall(env, again, max);
    expect(first.admitted).toBe(true);
    expect(await admitCall(env, again, max)).toEqual(first);
  });
});

import { describe, expect, it } from "vitest";
import { call, expectProblem, signup } from "../../tests/api";
import { postWhatsApp, whatsappText, workspace } from "../../tests/conversations";

const fromIp = (ip: string) => ({ headers: { "CF-Connecting-IP": ip } });

async function expectLimited(response: Response, retryAfter: string) {
  expect(response.headers.get("Retry-After")).toBe(retryAfter);
  const problem = await expectProblem(response, 429);
  expect(problem.retryAfter).toBe(Number(retryAfter));
}

describe("integration: request limits", () => {
  it("allows 100 public requests a minute per IP across public routes, then answers 429 with Retry-After", async () => {
    const ip = "10.250.1.1";
    for (let i = 0; i < 100; i++) {
      const response = await call("POST", "/api/v1/auth/refresh", { body: {}, ...fromIp(ip) });
      expect(response.status).not.toBe(429);
    }
    await expectLimited(await call("POST", "/api/v1/auth/refresh", { body: {}, ...fromIp(ip) }), "60");
    await expectLimited(await call("GET", "/api/openapi.json", fromIp(ip)), "60");
    // Another address keeps its own budget.
    expect((await call("GET", "/api/openapi.json", fromIp("10.250.1.2"))).status).toBe(200);
  });

  it("limits CSV exports to 10 a minute per user", async () => {
    const [owner, other] = [await signup(), await signup()];
    for (let i = 0; i < 10; i++) {
      const response = await call("GET", "/api/v1/leads/export.csv", { token: owner.token });
      expect(response.status).toBe(200);
      await response.text();
    }
    await expectLimited(await call("GET", "/api/v1/leads/export.csv", { token: owner.token }), "60");
    const otherExport = await call("GET", "/api/v1/leads/export.csv", { token: other.token });
    expect(otherExport.status).toBe(200);
    await otherExport.text();
  });

  it("limits money movements to 20 a minute per user", async () => {
    const owner = await signup();
    for (let i = 0; i < 20; i++)
      expect((await call("POST", "/api/v1/wallet/dev-top-up", { token: owner.token, body: { credits: 1 } })).status).toBe(201);
    await expectLimited(await call("POST", "/api/v1/wallet/dev-top-up", { token: owner.token, body: { credits: 1 } }), "60");
    await expectLimited(await call("PUT", "/api/v1/wallet/auto-spend", { token: owner.token, body: { enabled: false } }), "60");
  });

  it("lets a burst of 50 webhooks from one source through", async () => {
    const ws = await workspace();
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) => postWhatsApp(whatsappText(ws, `1512555${String(1000 + i)}`, "is anyone there?"))),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(50).fill(200));
  });
});

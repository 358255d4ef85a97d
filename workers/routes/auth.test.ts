import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, signup } from "../../tests/api";

describe("integration: signup, login, refresh, logout", () => {
  it("signs up a workspace owner and /me reports workspace and role", async () => {
    const account = await signup("Dripfix Plumbing");
    const me = await json(await call("GET", "/api/v1/me", { token: account.token }));
    expect(me).toMatchObject({ role: "owner", tenant: { id: account.tenantId, name: "Dripfix Plumbing" }, user: { email: account.email } });
    expect(me.memberships).toEqual([{ tenantId: account.tenantId, tenantName: "Dripfix Plumbing", role: "owner" }]);
  });

  it("refuses a second signup with the same email (409) and weak passwords (400 naming the field)", async () => {
    const account = await signup();
    const again = await call("POST", "/api/v1/auth/signup", {
      body: { companyName: "X", name: "Y", email: account.email.toUpperCase(), password: "long enough password" },
      headers: { "CF-Connecting-IP": "10.9.9.1" },
    });
    await expectProblem(again, 409);
    const weak = await expectProblem(
      await call("POST", "/api/v1/auth/signup", {
        body: { companyName: "X", name: "Y", email: "new@example.com", password: "short" },
        headers: { "CF-Connecting-IP": "10.9.9.2" },
      }),
      400,
    );
    expect(weak.errors).toEqual([{ field: "password", message: "Use at least 10 characters." }]);
  });

  it("logs in with the right password and gives the same 401 for a wrong password and an unknown email", async () => {
    const account = await signup();
    const ok = await call("POST", "/api/v1/auth/login", { body: { email: account.email, password: account.password } });
    expect(ok.status).toBe(200);
    const wrong = await expectProblem(
      await call("POST", "/api/v1/auth/login", { body: { email: account.email, password: "not the password" } }),
      401,
    );
    const unknown = await expectProblem(
      await call("POST", "/api/v1/auth/login", { body: { email: "nobody@example.com", password: "whatever123" } }),
      401,
    );
    expect(wrong.detail).toBe(unknown.detail);
  });

  it("rate limits login per account with a 429 and Retry-After", async () => {
    const account = await signup();
    // The binding counts in fixed 60-second windows: a run that straddles a window boundary starts
    // counting again once, so the 11th attempt of one window arrives within 21 attempts.
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const response = await call("POST", "/api/v1/auth/login", {
        body: { email: account.email, password: "wrong password!" },
        headers: { "CF-Connecting-IP": `10.20.0.${i}` },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("Retry-After")).toBe("60");
        const problem = await expectProblem(response, 429);
        expect(problem.detail).toMatch(/this account/);
        break;
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.length).toBeGreaterThanOrEqual(11);
  });

  it("rotates refresh tokens; replaying an old one after the grace window revokes the whole family", async () => {
    const account = await signup();
    const first = await json(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: account.refreshToken } }));
    expect(first.refreshToken).not.toBe(account.refreshToken);
    expect((await call("GET", "/api/v1/me", { token: first.accessToken })).status).toBe(200);
    await env.DB.prepare("UPDATE refresh_sessions SET used_at = used_at - 60000 WHERE used_at IS NOT NULL").run();
    // Reusing the already-rotated token: theft is assumed, every token of the family dies.
    await expectProblem(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: account.refreshToken } }), 401);
    await expectProblem(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: first.refreshToken } }), 401);
  });

  it("a retry within 10 s of a rotation (lost response, second tab) gets a fresh token instead of a sign-out", async () => {
    const account = await signup();
    const first = await json(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: account.refreshToken } }));
    const retry = await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: account.refreshToken } });
    expect(retry.status).toBe(200);
    const second = await json(retry);
    expect(new Set([account.refreshToken, first.refreshToken, second.refreshToken]).size).toBe(3);
    expect((await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: first.refreshToken } })).status).toBe(200);
  });

  it("web clients get the refresh token only as an httpOnly Secure SameSite=Strict cookie", async () => {
    const account = await signup();
    const response = await call("POST", "/api/v1/auth/login", {
      body: { email: account.email, password: account.password },
      headers: { "X-Homeline-Client": "web" },
    });
    const body = await json(response);
    expect(body.refreshToken).toBeUndefined();
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^hl_refresh=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    const token = cookie.split(";")[0]!;
    const refreshed = await call("POST", "/api/v1/auth/refresh", { headers: { Cookie: token, "X-Homeline-Client": "web" } });
    expect(refreshed.status).toBe(200);
    const logout = await call("POST", "/api/v1/auth/logout", { headers: { Cookie: refreshed.headers.get("Set-Cookie")!.split(";")[0]! } });
    expect(logout.status).toBe(204);
  });

  it("logout revokes the refresh token", async () => {
    const account = await signup();
    expect((await call("POST", "/api/v1/auth/logout", { body: { refreshToken: account.refreshToken } })).status).toBe(204);
    await expectProblem(await call("POST", "/api/v1/auth/refresh", { body: { refreshToken: account.refreshToken } }), 401);
  });

  it("rejects missing, malformed and tampered access tokens with 401", async () => {
    const account = await signup();
    await expectProblem(await call("GET", "/api/v1/me"), 401);
    await expectProblem(await call("GET", "/api/v1/me", { token: "not-a-jwt" }), 401);
    const [header, payload, signature] = account.token.split(".");
    const forged = JSON.parse(atob(payload!.replace(/-/g, "+").replace(/_/g, "/")));
    forged.role = "owner";
    forged.tid = "ten_someone_else";
    const tampered = `${header}.${btoa(JSON.stringify(forged)).replace(/=+$/, "")}.${signature}`;
    await expectProblem(await call("GET", "/api/v1/me", { token: tampered }), 401);
  });
});

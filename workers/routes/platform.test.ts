import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, expectProblem, json, signup } from "../../tests/api";

const ops = { Authorization: "Bearer test-ops-token" };

describe("integration: health probes", () => {
  it("answers health, live and ready with D1 and R2 up and Postgres disabled", async () => {
    expect(await json(await call("GET", "/api/health"))).toMatchObject({ status: "ok" });
    expect(await json(await call("GET", "/api/health/live"))).toEqual({ status: "ok" });
    const ready = await call("GET", "/api/health/ready");
    expect(ready.status).toBe(200);
    expect(await json(ready)).toEqual({ status: "ready", components: { d1: "up", r2: "up", postgres: "disabled" } });
  });

  it("detailed health needs an admin and reports latency per component", async () => {
    await expectProblem(await call("GET", "/api/health/detailed"), 401);
    const { token } = await signup();
    const detailed = await json(await call("GET", "/api/health/detailed", { token }));
    expect(detailed.components.map((c: { name: string }) => c.name)).toEqual(["d1", "r2", "postgres"]);
    for (const component of detailed.components) expect(component.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

describe("integration: request id, logs, headers", () => {
  it("echoes a valid X-Request-ID, replaces an invalid one, and puts it in problems", async () => {
    const echoed = await call("GET", "/api/health", { headers: { "X-Request-ID": "abc-123" } });
    expect(echoed.headers.get("X-Request-ID")).toBe("abc-123");
    const replaced = await call("GET", "/api/health", { headers: { "X-Request-ID": "bad id with spaces" } });
    expect(replaced.headers.get("X-Request-ID")).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await expectProblem(await call("GET", "/api/v1/me", { headers: { "X-Request-ID": "trace-me" } }), 401);
    expect(problem.requestId).toBe("trace-me");
  });

  it("sets security headers and allows CORS only for the web origin", async () => {
    const response = await call("GET", "/api/health", { headers: { Origin: "http://localhost:8787" } });
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(response.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("http://localhost:8787");
    const foreign = await call("GET", "/api/health", { headers: { Origin: "https://evil.example" } });
    expect(foreign.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("integration: metrics, OpenAPI and docs", () => {
  it("exports request counts and duration histograms by route and status, behind the ops token", async () => {
    await call("GET", "/api/health");
    await call("GET", "/api/v1/me");
    await call("POST", "/api/v1/auth/login", { body: { email: "nobody@example.com", password: "whatever123" } });
    await expectProblem(await call("GET", "/metrics"), 401);
    const response = await call("GET", "/metrics", { headers: ops });
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain; version=0.0.4/);
    const text = await response.text();
    expect(text).toMatch(/homeline_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+/);
    expect(text).toMatch(/homeline_http_requests_total\{method="GET",route="\/api\/v1\/me",status="401"\} \d+/);
    expect(text).toMatch(/homeline_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status="401"\} \d+/);
    expect(text).toMatch(/homeline_http_request_duration_seconds_bucket\{method="GET",route="\/api\/health",status="200",le="\+Inf"\} \d+/);
    expect(text).not.toMatch(/lead_[0-9a-z]{26}/); // route patterns, never raw ids
  });

  it("serves an OpenAPI 3.1 document covering the API and a self-contained docs page", async () => {
    const doc = await json(await call("GET", "/api/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    for (const path of [
      "/api/v1/auth/signup",
      "/api/v1/auth/login",
      "/api/v1/leads",
      "/api/v1/leads/{id}",
      "/api/v1/leads/bulk",
      "/api/v1/leads/import",
      "/api/v1/leads/export.csv",
      "/api/health/ready",
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const page = await call("GET", "/api/docs");
    const html = await page.text();
    expect(page.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(html).toContain("/api/v1/leads/bulk");
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)/);
  });
});

describe("integration: admin and dead letters", () => {
  it("lets the ops token list tenants and replay parked queue messages", async () => {
    const { tenantId } = await signup("Listed Co");
    const tenants = await json(await call("GET", "/api/v1/admin/tenants", { headers: ops }));
    expect(tenants.items.find((t: { id: string }) => t.id === tenantId)).toMatchObject({ name: "Listed Co", members: 1, leads: 0 });
    await env.DB.prepare("INSERT INTO dead_letters (id, queue, body, attempts, created_at) VALUES ('dlq_1', 'homeline-events', ?, 6, 1)")
      .bind(JSON.stringify({ kind: "outbox.send", outboxId: "out_missing" }))
      .run();
    expect((await json(await call("GET", "/api/v1/admin/dead-letters", { headers: ops }))).items).toHaveLength(1);
    expect(await json(await call("POST", "/api/v1/admin/dead-letters/replay", { headers: ops }))).toEqual({ replayed: 1, remaining: 0 });
    expect((await json(await call("GET", "/api/v1/admin/dead-letters", { headers: ops }))).items).toHaveLength(0);
  });
});

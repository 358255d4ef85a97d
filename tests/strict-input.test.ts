import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, signup } from "./api";

interface Operation {
  method: string;
  template: string;
  path: string;
  jsonBody: boolean;
}

async function operations(): Promise<Operation[]> {
  const doc = await json(await call("GET", "/api/openapi.json"));
  return Object.entries(doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>).flatMap(
    ([template, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        path: template.replace(/\{\w+\}/g, "nope"),
        jsonBody: Boolean(operation.requestBody?.content["application/json"]),
      })),
  );
}

/** An owner who is also a platform superadmin, so no role floor stands between a request and its validation. */
async function everyRole() {
  const account = await signup("Strict Input");
  await env.DB.prepare("UPDATE users SET is_superadmin = 1 WHERE id = ?").bind(account.userId).run();
  return account;
}

const fieldsOf = async (response: Response): Promise<string[]> =>
  ((await json(response)).errors ?? []).map((e: { field: string }) => e.field);

describe("integration: unknown input is refused everywhere", () => {
  it("every route in the OpenAPI document answers 400 to an unknown query parameter, naming it", async () => {
    const { token } = await everyRole();
    const accepted: string[] = [];
    const all = await operations();
    for (const { method, template, path } of all) {
      const response = await call(method, `${path}?zzUnknown=1`, { token, headers: { "Idempotency-Key": crypto.randomUUID() } });
      if (response.status !== 400 || !(await fieldsOf(response)).includes("zzUnknown")) accepted.push(`${method} ${template}`);
    }
    expect(accepted).toEqual([]);
    expect(all.length).toBeGreaterThan(60);
    // The parameters the web app sends are all declared.
    for (const path of [
      "/api/v1/leads?limit=5&status=new&sort=score",
      "/api/v1/leads/tags?limit=100",
      "/api/v1/conversations?contact=%2B15125550100&mode=ai&limit=100",
      "/api/v1/scans?limit=20",
      "/api/v1/scans/catalog?bbox=-97.75,30.26,-97.74,30.27",
      "/api/v1/wallet/ledger?limit=50&type=debit",
      "/api/v1/calls?active=true&limit=20",
      "/api/v1/bookings?week=2026-11-30",
    ]) {
      expect((await call("GET", path, { token })).status, path).toBe(200);
    }
    expect((await call("GET", "/api/v1/members?limit=5", { token })).status).toBe(400);
  }, 30_000);

  it("every JSON body in the OpenAPI document refuses an unknown field, naming it", async () => {
    const { token } = await everyRole();
    const accepted: string[] = [];
    // The footprint import takes a GeoJSON file, whose format allows members of any name (RFC 7946 §6.1).
    const withBodies = (await operations()).filter((o) => o.jsonBody && o.template !== "/api/v1/admin/properties/import");
    for (const { method, template, path } of withBodies) {
      const response = await call(method, path, { token, body: { zzUnknown: 1 }, headers: { "Idempotency-Key": crypto.randomUUID() } });
      if (response.status !== 400 || !(await fieldsOf(response)).includes("zzUnknown")) accepted.push(`${method} ${template}`);
    }
    expect(accepted).toEqual([]);
    expect(withBodies.length).toBeGreaterThan(20);
  }, 30_000);
});

import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, expectProblem, json, signup, type TestAccount } from "../../tests/api";
import { propertiesIn, rectangle, scanOf, seedCatalog, startScan } from "../../tests/scans";
import { topUp, walletOf } from "../../tests/wallet";
import { parseCsv } from "../lib/csv";
import { defaultPrice } from "../wallet/pricing";

const PRICE = defaultPrice("scan");
const AREA = rectangle(-0.003, -0.002, 0.004, 0.004);
const COUNT = propertiesIn(AREA).length;

/** A funded workspace with one finished scan of AREA. */
async function finishedScan(): Promise<{ owner: TestAccount; scan: any }> {
  const owner = await signup();
  await topUp(owner.token, 5_000);
  await using introspector = await introspectWorkflow(env.AREA_SCAN);
  const started = await json(await startScan(owner.token, AREA));
  for (const instance of await introspector.get()) await instance.waitForStatus("complete");
  return { owner, scan: await scanOf(owner.token, started.id) };
}

describe("scans API", () => {
  beforeAll(seedCatalog);

  it("refuses bad areas and areas without properties with a 4xx that says why, holding nothing", async () => {
    const owner = await signup();
    await topUp(owner.token, 5_000);
    const open = { type: "Polygon", coordinates: [AREA.coordinates[0]!.slice(0, -1)] };
    expect(await expectProblem(await call("POST", "/api/v1/scans", { token: owner.token, body: { polygon: open } }), 422)).toMatchObject({
      code: "not_closed",
    });
    const empty = await expectProblem(await startScan(owner.token, rectangle(1, 1, 0.001, 0.001)), 422);
    expect(empty).toMatchObject({ code: "no_properties" });
    expect(empty.detail).toMatch(/no properties/);
    await expectProblem(await call("POST", "/api/v1/scans", { token: owner.token, body: { polygon: AREA, colour: "red" } }), 400);
    expect((await walletOf(owner.token)).reserved).toBe(0);
  });

  it("answers 402 with what it costs and what can be spent when credits are short", async () => {
    const owner = await signup();
    await topUp(owner.token, PRICE);
    const problem = await expectProblem(await startScan(owner.token, AREA), 402);
    expect(problem).toMatchObject({ shortfall: COUNT * PRICE - PRICE, spendable: PRICE });
    expect((await json(await call("GET", "/api/v1/scans", { token: owner.token }))).items).toEqual([]);
  });

  it("replays a start with the same Idempotency-Key instead of holding twice", async () => {
    const owner = await signup();
    await topUp(owner.token, 5_000);
    await using introspector = await introspectWorkflow(env.AREA_SCAN);
    const first = await startScan(owner.token, AREA, { "Idempotency-Key": "draw-1" });
    const again = await startScan(owner.token, AREA, { "Idempotency-Key": "draw-1" });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await json(again)).id).toBe((await json(first)).id);
    expect(await introspector.get()).toHaveLength(1);
    for (const instance of await introspector.get()) await instance.waitForStatus("complete");
  });

  it("cancels a running scan: the hold is released in the ledger; a finished scan cannot be cancelled", async () => {
    const owner = await signup();
    await topUp(owner.token, 5_000);
    await using introspector = await introspectWorkflow(env.AREA_SCAN);
    const started = await json(await startScan(owner.token, AREA));
    expect((await walletOf(owner.token)).reserved).toBe(COUNT * PRICE);
    const cancelled = await json(await call("POST", `/api/v1/scans/${started.id}/cancel`, { token: owner.token }));
    expect(cancelled).toMatchObject({ id: started.id, status: "cancelled", creditsCharged: null });
    expect(await walletOf(owner.token)).toMatchObject({ reserved: 0, available: 5_000 });
    const ledger = await json(await call("GET", "/api/v1/wallet/ledger?type=release", { token: owner.token }));
    expect(ledger.items).toMatchObject([{ type: "release", reference: started.id, data: { released: COUNT * PRICE } }]);
    expect(await expectProblem(await call("POST", `/api/v1/scans/${started.id}/cancel`, { token: owner.token }), 409)).toMatchObject({
      status: "cancelled",
    });
    for (const instance of await introspector.get()) await instance.waitForStatus("complete");
  });

  it("lists scans newest first and pages results best first with filters", async () => {
    const { owner, scan } = await finishedScan();
    expect(scan).toMatchObject({ status: "completed", processedCount: COUNT, creditsCharged: COUNT * PRICE });
    await expectProblem(await call("POST", `/api/v1/scans/${scan.id}/cancel`, { token: owner.token }), 409);
    const list = await json(await call("GET", "/api/v1/scans?limit=1", { token: owner.token }));
    expect(list).toMatchObject({ items: [{ id: scan.id }], nextCursor: null });

    const all = (await json(await call("GET", `/api/v1/scans/${scan.id}/leads?limit=200`, { token: owner.token }))).items;
    expect(all).toHaveLength(COUNT);
    const hot = (await json(await call("GET", `/api/v1/scans/${scan.id}/leads?hot=true&limit=200`, { token: owner.token }))).items;
    expect(hot.map((r: any) => r.propertyId)).toEqual(all.filter((r: any) => r.hot).map((r: any) => r.propertyId));
    const floor = all[Math.floor(COUNT / 2)].score;
    const above = (await json(await call("GET", `/api/v1/scans/${scan.id}/leads?minScore=${floor}&limit=200`, { token: owner.token })))
      .items;
    expect(above.length).toBe(all.filter((r: any) => r.score >= floor).length);
    expect((await json(await call("GET", `/api/v1/scans/${scan.id}/leads?status=failed`, { token: owner.token }))).items).toEqual([]);
    await expectProblem(await call("GET", `/api/v1/scans/${scan.id}/leads?sort=name`, { token: owner.token }), 400);
    await expectProblem(await call("GET", `/api/v1/scans/${scan.id}/leads?cursor=bogus`, { token: owner.token }), 400);
  });

  it("exports the results as CSV, with a download ticket instead of a header", async () => {
    const { owner, scan } = await finishedScan();
    const { ticket } = await json(await call("POST", "/api/v1/leads/export-ticket", { token: owner.token }));
    const response = await call("GET", `/api/v1/scans/${scan.id}/leads.csv?ticket=${encodeURIComponent(ticket)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const rows = parseCsv(await response.text());
    expect(rows[0]).toContain("property_id");
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(
      propertiesIn(AREA)
        .map((p) => p.id)
        .sort(),
    );
    expect((await call("GET", `/api/v1/scans/${scan.id}/leads.csv?ticket=not-a-ticket`)).status).toBe(401);
  });

  it("answers 404 for another workspace's scan on every route", async () => {
    const { scan } = await finishedScan();
    const stranger = await signup("Other Roofing");
    for (const [method, path] of [
      ["GET", ""],
      ["POST", "/cancel"],
      ["GET", "/leads"],
      ["GET", "/leads.csv"],
    ] as const) {
      await expectProblem(await call(method, `/api/v1/scans/${scan.id}${path}`, { token: stranger.token }), 404);
    }
    const { url } = await json(await call("POST", "/api/v1/ws-ticket", { token: stranger.token, body: { channel: "scans", id: scan.id } }));
    await expectProblem(await call("GET", url, { headers: { Upgrade: "websocket" } }), 404);
    expect((await json(await call("GET", "/api/v1/scans", { token: stranger.token }))).items).toEqual([]);
  });
});

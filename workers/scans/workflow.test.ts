import { introspectWorkflow } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createLead, json, signup } from "../../tests/api";
import { propertiesIn, rectangle, scanOf, seedCatalog, startScan } from "../../tests/scans";
import { openSocket } from "../../tests/sockets";
import { topUp } from "../../tests/wallet";
import { defaultPrice } from "../wallet/pricing";
import { BATCH_SIZE } from "./batch";

const PRICE = defaultPrice("scan");
const AREA = rectangle(-0.004, -0.0035, 0.008, 0.007);
const INSIDE = propertiesIn(AREA);

const ledgerOf = async (token: string) =>
  (await json(await call("GET", "/api/v1/wallet/ledger?limit=500", { token }))).items as {
    type: string;
    credits: number;
    reference: string | null;
    holdId: string | null;
  }[];
const imageryObjects = async () => (await env.MEDIA.list({ prefix: "imagery/" })).objects.map((o) => o.key).sort();

async function allResults(token: string, scanId: string) {
  const items = [];
  let cursor: string | null = null;
  do {
    const page: { items: any[]; nextCursor: string | null } = await json(
      await call("GET", `/api/v1/scans/${scanId}/leads?limit=7${cursor ? `&cursor=${cursor}` : ""}`, { token }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe("AreaScanWorkflow", () => {
  beforeAll(seedCatalog);

  it("scans an area with the local providers: results, leads (an existing one matched), the actual cost charged, progress on a socket", async () => {
    expect(INSIDE.length).toBeGreaterThan(BATCH_SIZE);
    const owner = await signup();
    await topUp(owner.token, 10_000);
    const neighbour = INSIDE[3]!;
    // The same house, typed differently by whoever took the call.
    const existing = await createLead(owner.token, {
      name: "Pat Caller",
      address: neighbour.address.split(",")[0]!.toUpperCase().replace(/ DR$/, " DRIVE"),
      source: "voice",
    });

    await using introspector = await introspectWorkflow(env.AREA_SCAN);
    const started = await json(await startScan(owner.token, AREA));
    expect(started).toMatchObject({ status: "queued", propertyCount: INSIDE.length, creditsHeld: INSIDE.length * PRICE, percent: 0 });
    const socket = await openSocket(owner.token, "scans", started.id);
    const [instance] = await introspector.get();
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toEqual({ status: "completed", batches: Math.ceil(INSIDE.length / BATCH_SIZE) });

    const scan = await scanOf(owner.token, started.id);
    expect(scan).toMatchObject({
      status: "completed",
      processedCount: INSIDE.length,
      failedCount: 0,
      percent: 100,
      creditsCharged: INSIDE.length * PRICE,
      error: null,
    });
    expect(scan.leadsCreated + scan.leadsMatched).toBe(INSIDE.length);
    expect(scan.leadsMatched).toBeGreaterThanOrEqual(1);

    const results = await allResults(owner.token, scan.id);
    expect(results.map((r) => r.propertyId).sort()).toEqual(INSIDE.map((p) => p.id).sort());
    const ranks = results.map((r) => r.score);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(results.filter((r) => r.hot).length).toBe(scan.hotCount);
    const matched = results.find((r) => r.propertyId === neighbour.id)!;
    expect(matched).toMatchObject({ status: "scored", leadId: existing.id, address: neighbour.address });
    expect(matched.factors.length).toBeGreaterThan(3);
    expect(matched.imageUrl).toMatch(/^\/api\/v1\/media\/imagery\/.+\?exp=\d+&sig=/);
    expect((await call("GET", matched.imageUrl)).headers.get("Content-Type")).toMatch(/^image\//);

    // Scan leads are real CRM leads; the one that existed is linked, not duplicated.
    const scanLeads = await json(await call("GET", "/api/v1/leads?source=scan&limit=200&includeTotal=true", { token: owner.token }));
    expect(scanLeads.total).toBe(scan.leadsCreated);
    const linked = await json(await call("GET", `/api/v1/leads/${existing.id}`, { token: owner.token }));
    expect(linked).toMatchObject({ source: "voice", tags: ["scan"], lat: neighbour.lat, lng: neighbour.lng });

    const ledger = (await ledgerOf(owner.token)).filter((e) => e.reference === scan.id);
    expect(ledger.map((e) => [e.type, e.credits])).toEqual([
      ["capture", -INSIDE.length * PRICE],
      ["hold", 0],
    ]);

    const messages = [];
    for (let m = await socket.next(5000); ; m = await socket.next(5000)) {
      messages.push(m);
      if (m.type === "status") break;
    }
    expect(messages[0]).toMatchObject({ type: "snapshot", scan: { id: scan.id } });
    expect(
      messages
        .filter((m) => m.type === "result")
        .map((m) => m.result.propertyId)
        .sort(),
    ).toEqual(INSIDE.map((p) => p.id).sort());
    const progress = messages.filter((m) => m.type === "progress");
    expect(progress.map((m) => m.scan.processedCount)).toEqual([...progress.map((m) => m.scan.processedCount)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({
      scan: { status: "completed", percent: 100 },
      stages: { imagery: INSIDE.length, roof: expect.any(Number), enrichment: INSIDE.length, scored: INSIDE.length, failed: 0 },
    });
    expect(messages.at(-1)).toEqual({ type: "status", status: "completed" });

    // A socket opened afterwards starts from the stored snapshot, with the newest hot results.
    const late = await openSocket(owner.token, "scans", scan.id);
    expect(await late.next()).toMatchObject({
      type: "snapshot",
      scan: { status: "completed", processedCount: INSIDE.length },
      hot: expect.any(Array),
    });
  });

  it("stores each aerial image once across scans of the same area", async () => {
    const owner = await signup();
    await topUp(owner.token, 10_000);
    const area = rectangle(-0.006, -0.004, 0.002, 0.002);
    await using introspector = await introspectWorkflow(env.AREA_SCAN);
    const first = await json(await startScan(owner.token, area));
    const second = await json(await startScan(owner.token, area));
    for (const instance of await introspector.get()) await instance.waitForStatus("complete");
    const keys = (await allResults(owner.token, first.id)).map((r) => new URL(r.imageUrl, "http://x").pathname).sort();
    const again = (await allResults(owner.token, second.id)).map((r) => new URL(r.imageUrl, "http://x").pathname).sort();
    expect(again).toEqual(keys);
    const stored = await imageryObjects();
    for (const path of new Set(keys)) expect(stored).toContain(decodeURIComponent(path.replace("/api/v1/media/", "")));
    expect(stored.length).toBe(new Set([...stored]).size);
    expect((await scanOf(owner.token, second.id)).leadsMatched).toBe(propertiesIn(area).length);
  });

  it("retries a flaky batch with backoff and still completes", async () => {
    const owner = await signup();
    await topUp(owner.token, 10_000);
    const area = rectangle(0.004, 0.003, 0.002, 0.002);
    await using introspector = await introspectWorkflow(env.AREA_SCAN);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "analyze batch", index: 1 }, new Error("imagery provider timed out"), 2);
    });
    const started = await json(await startScan(owner.token, area));
    const [instance] = await introspector.get();
    await instance!.waitForStatus("complete");
    expect(await scanOf(owner.token, started.id)).toMatchObject({
      status: "completed",
      processedCount: propertiesIn(area).length,
      failedCount: 0,
    });
  });

  it("fails the scan and gives the whole hold back when a batch keeps failing", async () => {
    const owner = await signup();
    await topUp(owner.token, 10_000);
    await using introspector = await introspectWorkflow(env.AREA_SCAN);
    await introspector.modifyAll(async (m) => {
      await m.disableRetryDelays();
      await m.mockStepError({ name: "analyze batch" }, new Error("roof provider is down"));
    });
    const started = await json(await startScan(owner.token, AREA));
    const [instance] = await introspector.get();
    await instance!.waitForStatus("errored");
    const scan = await scanOf(owner.token, started.id);
    expect(scan).toMatchObject({ status: "failed", creditsCharged: null });
    expect(scan.error).toMatch(/roof provider is down/);
    const ledger = (await ledgerOf(owner.token)).filter((e) => e.reference === scan.id);
    expect(ledger.map((e) => e.type)).toEqual(["release", "hold"]);
    expect((await json(await call("GET", "/api/v1/wallet", { token: owner.token }))).available).toBe(10_000);
  });

  it("stops a cancelled scan at its next batch, charging nothing", async () => {
    const owner = await signup();
    await topUp(owner.token, 10_000);
    await using introspector = await introspectWorkflow(env.AREA_SCAN);
    const started = await json(await startScan(owner.token, AREA));
    const cancelled = await call("POST", `/api/v1/scans/${started.id}/cancel`, { token: owner.token });
    expect(cancelled.status).toBe(200);
    const [instance] = await introspector.get();
    await instance!.waitForStatus("complete");
    expect(await instance!.getOutput()).toMatchObject({ status: "cancelled" });
    const scan = await scanOf(owner.token, started.id);
    expect(scan).toMatchObject({ status: "cancelled", creditsCharged: null });
    expect(scan.processedCount).toBeLessThan(INSIDE.length);
    const ledger = (await ledgerOf(owner.token)).filter((e) => e.reference === scan.id);
    expect(ledger.map((e) => e.type)).toEqual(["release", "hold"]);
  });
});

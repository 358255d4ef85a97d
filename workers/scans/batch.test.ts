import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { signup } from "../../tests/api";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { propertiesIn, rectangle, scanOf, seedCatalog } from "../../tests/scans";
import { analyzeProperty } from "./analyze-property";
import { runBatch, type AnalyzeProperty } from "./batch";
import { discoverProperties } from "./discover";
import { scanReader } from "./repository";

const AREA = rectangle(-0.002, -0.002, 0.003, 0.003);

/** A queued scan without a workflow, discovered by hand, so the test drives its batches. */
async function discoveredScan() {
  const owner = await signup();
  const ref = { tenantId: owner.tenantId, scanId: newId("scan") };
  const now = Date.now();
  await database(env.DB)
    .insert(tables.scans)
    .values({
      id: ref.scanId,
      tenantId: ref.tenantId,
      name: "By hand",
      status: "queued",
      polygon: JSON.stringify(AREA),
      areaKm2: 0.1,
      propertyCount: 0,
      creditsHeld: 0,
      createdAt: now,
      updatedAt: now,
    });
  const count = await discoverProperties(env, ref, AREA);
  return { owner, ref, count: count! };
}

describe("runBatch", () => {
  beforeAll(seedCatalog);

  it("records a property that keeps failing and goes on with the rest", async () => {
    const { owner, ref, count } = await discoveredScan();
    expect(count).toBe(propertiesIn(AREA).length);
    expect(count).toBeGreaterThan(3);
    const broken = propertiesIn(AREA)
      .map((p) => p.id)
      .sort()[1]!;
    const analyze: AnalyzeProperty = async (e, property, signal) => {
      if (property.id === broken) throw new Error("Solar API answered 500");
      return analyzeProperty(e, property, signal);
    };

    // Before the last attempt the failure stays pending and the batch asks to be retried…
    await expect(runBatch(env, ref, 0, analyze, { lastAttempt: false })).rejects.toThrow(/1 of \d+ properties failed/);
    let scan = await scanOf(owner.token, ref.scanId);
    expect(scan).toMatchObject({ processedCount: Math.min(count, 25) - 1, failedCount: 0 });

    // …and on the last attempt it is recorded as failed; nothing is counted twice.
    expect(await runBatch(env, ref, 0, analyze, { lastAttempt: true })).toEqual({ stopped: false, processed: 1 });
    expect(await runBatch(env, ref, 0, analyze, { lastAttempt: true })).toEqual({ stopped: false, processed: 0 });
    scan = await scanOf(owner.token, ref.scanId);
    expect(scan).toMatchObject({ processedCount: Math.min(count, 25), failedCount: 1 });
    const { items } = await scanReader(env, ref.tenantId).results(ref.scanId, { status: "failed" }, 10);
    expect(items).toMatchObject([{ propertyId: broken, status: "failed", error: "Solar API answered 500", leadId: null, score: null }]);
  });

  it("does nothing for a scan that is no longer running", async () => {
    const { owner, ref } = await discoveredScan();
    await env.DB.prepare("UPDATE scans SET status = 'cancelled' WHERE tenant_id = ? AND id = ?").bind(ref.tenantId, ref.scanId).run();
    const never: AnalyzeProperty = async () => {
      throw new Error("should not analyse");
    };
    expect(await runBatch(env, ref, 0, never, { lastAttempt: true })).toEqual({ stopped: true, processed: 0 });
    expect((await scanOf(owner.token, ref.scanId)).processedCount).toBe(0);
  });
});

import type { Env, WaitUntil } from "../env";
import { database, tables } from "../db/client";
import { unprocessable } from "../http/problem";
import { log } from "../http/log";
import { newId } from "../lib/ids";
import { holdCredits, releaseHold } from "../wallet/ledger";
import { unwrap } from "../wallet/outcome";
import { catalogFor } from "./catalog";
import { ringAreaKm2, type PolygonGeometry } from "./geo";
import { failScan } from "./lifecycle";
import { scanReader } from "./repository";
import type { ScanRow } from "./views";

// The longest a hold may live; a scan that outlasts it is charged nothing (the wallet releases it).
const HOLD_TTL_SECONDS = 86_400;

export interface StartScanInput {
  polygon: PolygonGeometry;
  name?: string;
  /** The client's Idempotency-Key: a repeat returns the scan the first request started. */
  idempotencyKey?: string;
}

/**
 * Holds the credits for every property in the area, records the scan and starts its workflow.
 * The hold's reference is the scan id, so a replayed key leads back to the same scan even when
 * the first attempt stopped between the hold and the insert.
 */
export async function startScan(
  env: Env,
  ctx: WaitUntil,
  auth: { tenantId: string; userId: string },
  input: StartScanInput,
): Promise<{ scan: ScanRow; replayed: boolean }> {
  const catalog = catalogFor(env);
  const propertyCount = await catalog.countInPolygon(input.polygon).finally(() => ctx.waitUntil(catalog.close()));
  if (propertyCount === 0)
    throw unprocessable("There are no properties in this area. Draw it over buildings in the catalog.", { code: "no_properties" });

  const fresh = newId("scan");
  const { value: held } = unwrap(
    await holdCredits(env, auth.tenantId, {
      channel: "scan",
      quantity: propertyCount,
      key: input.idempotencyKey ? `scan-api:${input.idempotencyKey}` : `scan:${fresh}`,
      reference: fresh,
      actorId: auth.userId,
      ttlSeconds: HOLD_TTL_SECONDS,
    }),
  );
  const scanId = held.hold.reference ?? fresh;
  const existing = await scanReader(env, auth.tenantId).get(scanId);
  if (existing) return { scan: existing, replayed: true };

  const now = Date.now();
  const [scan] = await database(env.DB)
    .insert(tables.scans)
    .values({
      id: scanId,
      tenantId: auth.tenantId,
      createdBy: auth.userId,
      name: input.name?.trim() || `Area scan of ${propertyCount} ${propertyCount === 1 ? "property" : "properties"}`,
      status: "queued",
      polygon: JSON.stringify(input.polygon),
      areaKm2: Number(ringAreaKm2(input.polygon.coordinates[0]!).toFixed(3)),
      propertyCount,
      creditsHeld: held.hold.credits,
      holdId: held.hold.id,
      workflowId: scanId,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .catch(async (err: unknown) => {
      await releaseHold(env, auth.tenantId, held.hold.id, auth.userId);
      throw err;
    });
  try {
    await env.AREA_SCAN.create({ id: scanId, params: { scanId, tenantId: auth.tenantId } });
  } catch (err) {
    await failScan(env, { tenantId: auth.tenantId, scanId }, "The scan could not be started.");
    throw err;
  }
  log("info", "scan started", { scanId, tenantId: auth.tenantId, properties: propertyCount, credits: held.hold.credits });
  return { scan: scan!, replayed: false };
}

import type { Env } from "../env";
import { log } from "../http/log";
import type { ScanUpdate } from "../../durable-objects/scan-progress";
import { scanReader } from "./repository";
import type { ScanResultRow, ScanRow } from "./views";
import { scanProgress } from "../../durable-objects/stubs";

/**
 * Sends the given results, then the scan's current counters and stage counts (and its status
 * when it changed) to the scan's sockets. Live progress is best effort: a failure is logged,
 * never allowed to fail the work it reports on.
 */
export async function publishProgress(
  env: Env,
  scan: Pick<ScanRow, "tenantId" | "id">,
  options: { results?: ScanResultRow[]; statusChanged?: boolean } = {},
): Promise<void> {
  try {
    const reader = scanReader(env, scan.tenantId);
    const [current, stages] = await Promise.all([reader.get(scan.id), reader.stages(scan.id)]);
    if (!current) return;
    const updates: ScanUpdate[] = (options.results ?? []).map((result) => ({ type: "result", result }));
    updates.push({ type: "progress", scan: current, stages });
    if (options.statusChanged) updates.push({ type: "status", scan: current });
    await scanProgress(env, scan.id).publish(...updates);
  } catch (err) {
    log("warn", "scan progress not published", {
      scanId: scan.id,
      tenantId: scan.tenantId,
      error: err instanceof Error ? err.name : "unknown",
    });
  }
}

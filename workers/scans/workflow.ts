import {
  WorkflowEntrypoint,
  type WorkflowEvent,
  type WorkflowStep,
  type WorkflowStepConfig,
  type WorkflowStepContext,
} from "cloudflare:workers";
import type { Env } from "../env";
import { analyzeProperty } from "./analyze-property";
import { BATCH_SIZE, runBatch } from "./batch";
import { discoverProperties } from "./discover";
import { completeScan, failScan } from "./lifecycle";
import { scanReader } from "./repository";
import type { PolygonGeometry } from "./geo";

export interface AreaScanParams {
  scanId: string;
  tenantId: string;
}

export interface AreaScanOutput {
  status: "completed" | "cancelled";
  batches: number;
}

// Providers fail transiently (rate limits, timeouts): a step retries with growing pauses
// (10 s, 20 s, 40 s …) before the scan gives up on it. A batch takes seconds; the timeout also
// bounds how long an attempt cut off by a restart waits before the engine runs it again.
const RETRIES = 5;
const STEP: WorkflowStepConfig = { retries: { limit: RETRIES, delay: "10 seconds", backoff: "exponential" }, timeout: "2 minutes" };

/**
 * A real timer between batches. Locally every binding is in-process, so a scan is an unbroken
 * chain of ready events and workerd would not read the network until it ended (requests,
 * even POST /scans' own 202, waited for the whole scan); a timer lets it poll in between.
 */
const breathe = () => scheduler.wait(1);

/** Attempts count from 1; a runtime that does not say which one this is gets no second chance per property. */
const isLastAttempt = (ctx: WorkflowStepContext | undefined) => !ctx?.attempt || ctx.attempt > RETRIES;

/**
 * Discover → batches of BATCH_SIZE properties (imagery, roof, enrichment, score, lead) →
 * capture the cost of the properties analysed and release the rest. Every step is idempotent,
 * so the engine can replay the instance after a restart. A cancelled scan stops at its next
 * batch; a step that keeps failing fails the scan and gives the whole hold back.
 */
export class AreaScanWorkflow extends WorkflowEntrypoint<Env, AreaScanParams> {
  override async run(event: WorkflowEvent<AreaScanParams>, step: WorkflowStep): Promise<AreaScanOutput> {
    const ref = event.payload;
    let batches = 0;
    try {
      await breathe();
      const count = await step.do("discover", STEP, async () => {
        const scan = await scanReader(this.env, ref.tenantId).get(ref.scanId);
        return scan ? discoverProperties(this.env, ref, JSON.parse(scan.polygon) as PolygonGeometry) : null;
      });
      if (count === null) return { status: "cancelled", batches };
      for (let index = 0; index < Math.ceil(count / BATCH_SIZE); index++) {
        await breathe();
        const batch = await step.do("analyze batch", STEP, (ctx) =>
          runBatch(this.env, ref, index, analyzeProperty, { lastAttempt: isLastAttempt(ctx) }),
        );
        batches++;
        if (batch.stopped) return { status: "cancelled", batches };
      }
      const completed = await step.do("finish", STEP, async () => (await completeScan(this.env, ref)) !== null);
      return { status: completed ? "completed" : "cancelled", batches };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await step.do("give the hold back", STEP, () => failScan(this.env, ref, `The scan stopped after repeated errors: ${reason}`));
      throw err;
    }
  }
}

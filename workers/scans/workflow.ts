import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";
import type { Env } from "../env";

export interface AreaScanParams {
  scanId: string;
  tenantId: string;
}

/** Discover → per property: imagery, roof, enrichment, score, lead → capture the cost, release the rest. */
export class AreaScanWorkflow extends WorkflowEntrypoint<Env, AreaScanParams> {
  override async run(_event: WorkflowEvent<AreaScanParams>, _step: WorkflowStep): Promise<void> {}
}

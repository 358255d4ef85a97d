import type { Env } from "../../env";
import { log } from "../../http/log";
import type { MonitorEvent } from "./types";
import { callSession } from "../../../durable-objects/stubs";

/**
 * Hands a Gather-path event to the call's CallSession, which fans it out to the open monitor
 * sockets. Live view is best-effort: the stored records are the truth, so a failure is logged only.
 */
export async function publishToMonitor(env: Env, callId: string, event: MonitorEvent): Promise<void> {
  try {
    await callSession(env, callId).publish(event);
  } catch (error) {
    log("warn", "call monitor publish failed", { callId, event: event.type, error: error instanceof Error ? error.message : "unknown" });
  }
}

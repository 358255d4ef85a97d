import type { Env } from "./env";
import { app } from "./app";
import { consumeBatch } from "./queue/consumer";
import { runScheduled } from "./crons";

export { ActivityFeed } from "../durable-objects/activity-feed";
export { MetricsAggregator } from "../durable-objects/metrics-aggregator";
export { Conversation } from "../durable-objects/conversation";
export { ProCalendar } from "../durable-objects/pro-calendar";
export { Wallet } from "../durable-objects/wallet";
export { CallSession } from "../durable-objects/call-session";
export { ScanProgress } from "../durable-objects/scan-progress";
export { AreaScanWorkflow } from "./scans/workflow";

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => consumeBatch(batch, env),
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(controller.cron, env, controller.scheduledTime)),
} satisfies ExportedHandler<Env>;

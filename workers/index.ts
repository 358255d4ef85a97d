import type { Env } from "./env";
import { app } from "./app";
import { consumeBatch } from "./queue/consumer";
import { runMaintenance } from "./crons";

export { ActivityFeed } from "../durable-objects/activity-feed";
export { MetricsAggregator } from "../durable-objects/metrics-aggregator";

export default {
  fetch: app.fetch,
  queue: (batch, env, _ctx) => consumeBatch(batch, env),
  scheduled: (_controller, env, ctx) => ctx.waitUntil(runMaintenance(env).then(() => undefined)),
} satisfies ExportedHandler<Env>;

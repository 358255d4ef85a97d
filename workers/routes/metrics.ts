import { Hono } from "hono";
import type { AppEnv } from "../env";
import { requireOps } from "../http/ops-auth";
import { flushMetrics } from "../metrics/registry";
import { renderPrometheus } from "../metrics/prometheus";
import { activeCallCount } from "../voice/records/active-calls";
import { metricsStub } from "../../durable-objects/stubs";

/** Prometheus text format; this isolate's pending samples are flushed first so the answer is current. */
export const metricsRoutes = new Hono<AppEnv>().get("/", requireOps, async (c) => {
  await flushMetrics(c.env);
  const stub = metricsStub(c.env);
  const [series, voice, activeCalls] = await Promise.all([stub.snapshot(), stub.voiceSnapshot(), activeCallCount(c.env)]);
  return c.body(renderPrometheus(series, { homeline_voice_calls_active: activeCalls }, voice), 200, {
    "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
  });
});

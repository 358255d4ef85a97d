import Anthropic from "@anthropic-ai/sdk";
import { eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { ClaudeEngine } from "./claude";
import type { ConversationEngine } from "./engine";
import { LocalEngine } from "./local";
import { CircuitBreaker, DEFAULT_RETRY, ResilientEngine } from "./resilient";
import { TtlCache } from "../lib/ttl-cache";

export const DEFAULT_MODEL = "claude-sonnet-4-5";

// Read on every turn, changed rarely: cached per isolate (the settings route forgets its own change).
const aiSettings = new TtlCache<typeof tables.aiSettings.$inferSelect | null>(30_000);
export const forgetAiSettings = (tenantId: string) => aiSettings.forget(tenantId);

/** One breaker per isolate for the Anthropic API: an outage seen by one conversation spares the rest the wait. */
export const claudeBreaker = new CircuitBreaker();

export interface EngineSettings {
  model: string;
  instructions: string | null;
}

/**
 * The tenant's engine: Claude (with the local engine as its fallback) when ANTHROPIC_API_KEY
 * is set and the tenant has not chosen "local"; the local engine otherwise. The local engine
 * is a real answerer, not a simulation, so production may use it too.
 */
export async function engineFor(env: Env, tenantId: string): Promise<{ engine: ConversationEngine; settings: EngineSettings }> {
  const { client, settings } = await claudeFor(env, tenantId);
  const local = new LocalEngine();
  if (!client) return { engine: local, settings };
  return { engine: new ResilientEngine(new ClaudeEngine(client), local, claudeBreaker), settings };
}

/** The Anthropic client when the tenant uses Claude (the rule above), else null; and the tenant's AI settings. */
export async function claudeFor(env: Env, tenantId: string): Promise<{ client: Anthropic | null; settings: EngineSettings }> {
  const row = await aiSettings.get(
    tenantId,
    async () => (await database(env.DB).query.aiSettings.findFirst({ where: eq(tables.aiSettings.tenantId, tenantId) })) ?? null,
  );
  const settings = { model: row?.model ?? DEFAULT_MODEL, instructions: row?.instructions ?? null };
  if (!env.ANTHROPIC_API_KEY || row?.engine === "local") return { client: null, settings };
  return {
    client: new Anthropic({
      apiKey: env.ANTHROPIC_API_KEY,
      baseURL: env.ANTHROPIC_BASE_URL || undefined,
      maxRetries: 0,
      timeout: DEFAULT_RETRY.timeoutMs,
    }),
    settings,
  };
}

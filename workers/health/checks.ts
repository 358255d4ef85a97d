import postgres from "postgres";
import type { Env, WaitUntil } from "../env";

export interface ComponentStatus {
  name: string;
  status: "up" | "down" | "disabled";
  required: boolean;
  latencyMs: number;
  error?: string;
}

const TIMEOUT_MS = 2000;

async function timed(name: string, required: boolean, probe: () => Promise<unknown>): Promise<ComponentStatus> {
  const started = performance.now();
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS)),
    ]);
    return { name, status: "up", required, latencyMs: round(performance.now() - started) };
  } catch (err) {
    return {
      name,
      status: "down",
      required,
      latencyMs: round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** D1 and R2 always; Postgres when the deployment enables it (PG_ENABLED=true). */
export async function checkComponents(env: Env, ctx: WaitUntil): Promise<ComponentStatus[]> {
  const checks = [timed("d1", true, () => env.DB.prepare("SELECT 1").first()), timed("r2", true, () => env.MEDIA.head("health/probe"))];
  if (env.PG_ENABLED === "true" && env.PG) {
    const pg = env.PG;
    checks.push(
      timed("postgres", true, async () => {
        const sql = postgres(pg.connectionString, { max: 1, fetch_types: false, connect_timeout: 2 });
        try {
          await sql`SELECT 1`;
        } finally {
          ctx.waitUntil(sql.end());
        }
      }),
    );
  } else {
    checks.push(Promise.resolve({ name: "postgres", status: "disabled", required: false, latencyMs: 0 }));
  }
  return Promise.all(checks);
}

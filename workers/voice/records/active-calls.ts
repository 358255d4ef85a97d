import type { Env } from "../../env";
import { MAX_CALL_MS } from "../call-cap";

/** Calls in progress platform-wide, counted the way the concurrent-call cap counts them. */
export async function activeCallCount(env: Env, now = Date.now()): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM calls WHERE status = 'in-progress' AND started_at > ?`)
    .bind(now - MAX_CALL_MS)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

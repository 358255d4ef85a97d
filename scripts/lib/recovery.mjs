// After a local server (re)starts: what the previous process had acknowledged but not finished
// lost its queue messages with it (the local queue lives in memory). The Worker queues it all
// again (POST /api/v1/admin/recover, OPS_TOKEN) at once, instead of the cron's 15 minutes later.
import { readDevVars } from "./dev-vars.mjs";

/** `startedAt`: when this server process was started (ms); everything stored before it is pending work of the old one. */
export async function recoverLostWork(baseUrl, startedAt, token = process.env.OPS_TOKEN || readDevVars().OPS_TOKEN) {
  if (!token) throw new Error("No OPS_TOKEN in .dev.vars or the environment: the recovery after a restart needs it.");
  const response = await fetch(`${baseUrl}/api/v1/admin/recover?startedAt=${startedAt}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(120_000),
  });
  if (!response.ok)
    throw new Error(`The recovery after the restart failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return response.json();
}

/** One line for the start banner. */
export function describeRecovery({ inboundEvents, stripeEvents, outbox, attemptsReleased }) {
  const parts = [
    inboundEvents && `${inboundEvents} webhook event${inboundEvents === 1 ? "" : "s"}`,
    stripeEvents && `${stripeEvents} Stripe event${stripeEvents === 1 ? "" : "s"}`,
    outbox && `${outbox} outgoing message${outbox === 1 ? "" : "s"}${attemptsReleased ? ` (${attemptsReleased} cut off mid-send)` : ""}`,
  ].filter(Boolean);
  return parts.length ? `queued again: ${parts.join(", ")}` : "nothing was left pending";
}

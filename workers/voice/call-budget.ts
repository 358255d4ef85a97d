import type { Env } from "../env";
import { log } from "../http/log";
import { walletFunded } from "../wallet/owner";
import { captureHold, holdCredits } from "../wallet/ledger";
import { voiceMinutes } from "../wallet/pricing";

/** A call may run this long before an abandoned hold expires on its own. */
const HOLD_SECONDS = 4 * 3600;

export type CallBudget = { allowed: true; holdId: string | null } | { allowed: false; reason: string };

/**
 * The one place that decides whether a workspace may take a call. A wallet never funded is
 * not charged (like outbound messages); a funded wallet must be able to hold one minute of
 * voice, which the call's end then captures as the minutes actually started.
 */
export async function callBudget(env: Env, tenantId: string, callSid: string): Promise<CallBudget> {
  if (!(await walletFunded(env, tenantId))) return { allowed: true, holdId: null };
  const held = await holdCredits(env, tenantId, {
    channel: "voice",
    quantity: 1,
    key: `call:${callSid}:hold`,
    reference: callSid,
    ttlSeconds: HOLD_SECONDS,
  });
  if (held.ok) return { allowed: true, holdId: held.value.hold.id };
  return { allowed: false, reason: held.detail };
}

/**
 * Charges the call's started minutes against its hold (idempotent: the wallet keys the capture
 * by hold) and puts the minutes and credits charged on the call, at the wallet's own prices.
 */
export async function chargeCallMinutes(
  env: Env,
  tenantId: string,
  callSid: string,
  holdId: string | null,
  seconds: number,
): Promise<number> {
  const charged = await capture(env, tenantId, callSid, holdId, voiceMinutes(seconds)); // every started minute: 61 s is two
  await env.DB.prepare(`UPDATE calls SET billed_minutes = ?, cost_credits = ?, updated_at = ? WHERE tenant_id = ? AND call_sid = ?`)
    .bind(charged.minutes, charged.credits, Date.now(), tenantId, callSid)
    .run();
  return charged.minutes;
}

async function capture(
  env: Env,
  tenantId: string,
  callSid: string,
  holdId: string | null,
  minutes: number,
): Promise<{ minutes: number; credits: number }> {
  if (!holdId) return { minutes: 0, credits: 0 };
  const captured = await captureHold(env, tenantId, holdId, { quantity: minutes });
  if (!captured.ok) {
    log("error", "call minutes not captured", { callSid, holdId, error: captured.detail });
    return { minutes: 0, credits: 0 };
  }
  return { minutes, credits: Math.abs(captured.value.capture.credits) }; // ledger entries are signed: a capture spends
}

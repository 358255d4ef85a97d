import type { AutoRecharge, RechargeState } from "./model";

/** An attempt whose outcome never came back (a lost queue message) stops blocking after this. */
export const RECHARGE_STALE_MS = 15 * 60_000;
/** After a declined card, wait this long (or for new settings) before charging it again. */
export const RECHARGE_FAILURE_COOLDOWN_MS = 24 * 3_600_000;

export const NO_RECHARGE: RechargeState = { pending: null, lastFailure: null, lastSuccess: null };

/**
 * Whether to start an off-session recharge now: enabled, below the threshold, nothing in
 * flight (one at a time), and not right after a failure (a declined card is not retried in a loop).
 */
export function shouldRecharge(settings: AutoRecharge, state: RechargeState, available: number, now: number): boolean {
  if (!settings.enabled || available >= settings.threshold) return false;
  if (state.pending && now - state.pending.since < RECHARGE_STALE_MS) return false;
  if (state.lastFailure && now - state.lastFailure.at < RECHARGE_FAILURE_COOLDOWN_MS) return false;
  return true;
}

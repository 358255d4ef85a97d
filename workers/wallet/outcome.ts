import { conflict, notFound, paymentRequired } from "../http/problem";

/**
 * What a Wallet DO operation answers: a value (and whether it is the replay of an earlier
 * call with the same key) or a refusal. Refusals are values, not exceptions, because an
 * error thrown across RPC loses everything but its message.
 */
export type Refusal =
  | { ok: false; code: "insufficient_credits"; detail: string; shortfall: number; spendable: number }
  | { ok: false; code: "conflict" | "not_found"; detail: string };

export type Outcome<T> = { ok: true; value: T; replayed: boolean } | Refusal;

export const accepted = <T>(value: T, replayed = false): Outcome<T> => ({ ok: true, value, replayed });

export const refusedConflict = (detail: string): Refusal => ({ ok: false, code: "conflict", detail });
export const refusedNotFound = (detail: string): Refusal => ({ ok: false, code: "not_found", detail });

/** The value, or the refusal as a problem: 402 with the shortfall, 409, or 404. */
export function unwrap<T>(outcome: Outcome<T>): { value: T; replayed: boolean } {
  if (outcome.ok) return outcome;
  if (outcome.code === "insufficient_credits")
    throw paymentRequired(outcome.detail, { shortfall: outcome.shortfall, spendable: outcome.spendable });
  if (outcome.code === "not_found") throw notFound(outcome.detail);
  throw conflict(outcome.detail);
}

import type { Env } from "../../env";
import { badRequest } from "../../http/problem";
import { decodeCursor, encodeCursor } from "../../http/cursor";
import { MAX_CALL_MS } from "../call-cap";

export const CALL_STATUSES = ["in-progress", "completed", "busy", "failed", "no-answer", "canceled", "refused"] as const;
export const CALL_OUTCOMES = [
  "completed",
  "transferred",
  "transfer_unanswered",
  "refused_budget",
  "refused_cap",
  "busy",
  "no-answer",
  "failed",
  "canceled",
] as const;

export interface CallFilters {
  status?: string[];
  outcome?: string[];
  /** Digits of the caller's number, anywhere in it. */
  q?: string;
  from?: number;
  to?: number;
  active?: boolean;
  leadId?: string;
  cursor?: string;
  limit: number;
}

/** The columns of a call as the API shows it, with its lead (same tenant only). */
export const CALL_COLUMNS = `c.id, c.from_number AS fromNumber, c.to_number AS toNumber, c.status, c.outcome, c.mode, c.started_at AS startedAt, c.ended_at AS endedAt,
  c.duration_seconds AS durationSeconds, c.billed_minutes AS billedMinutes, c.cost_credits AS costCredits, c.summary, c.qualification_score AS qualificationScore,
  c.end_reason AS endReason, c.lead_id AS leadId, l.name AS leadName, l.score AS leadScore`;
export const CALL_FROM = `FROM calls c LEFT JOIN leads l ON l.id = c.lead_id AND l.tenant_id = c.tenant_id`;

export interface CallRowView {
  id: string;
  fromNumber: string;
  toNumber: string;
  status: string;
  outcome: string | null;
  mode: string;
  startedAt: number;
  endedAt: number | null;
  durationSeconds: number | null;
  billedMinutes: number | null;
  costCredits: number | null;
  summary: string | null;
  qualificationScore: number | null;
  endReason: string | null;
  leadId: string | null;
  leadName: string | null;
  leadScore: number | null;
}

const SORT = "started";

/** A tenant's calls, newest first, one keyset page (page 1,000 costs what page 1 costs). */
export async function listCalls(
  env: Env,
  tenantId: string,
  f: CallFilters,
  now = Date.now(),
): Promise<{ items: CallRowView[]; nextCursor: string | null }> {
  const where = ["c.tenant_id = ?"];
  const args: (string | number)[] = [tenantId];
  const add = (clause: string, ...values: (string | number)[]) => {
    where.push(clause);
    args.push(...values);
  };
  const anyOf = (column: string, values: string[] | undefined) =>
    values?.length && add(`${column} IN (${values.map(() => "?").join(", ")})`, ...values);
  anyOf("c.status", f.status);
  anyOf("c.outcome", f.outcome);
  if (f.q !== undefined) {
    const digits = f.q.replace(/\D/g, "");
    if (!digits) throw badRequest("Search calls by the caller's phone number (digits).");
    add("instr(c.from_number, ?) > 0", digits);
  }
  if (f.from !== undefined) add("c.started_at >= ?", f.from);
  if (f.to !== undefined) add("c.started_at <= ?", f.to);
  if (f.active) add("c.status = 'in-progress' AND c.started_at > ?", now - MAX_CALL_MS);
  if (f.leadId) add("c.lead_id = ?", f.leadId);
  if (f.cursor) {
    const cursor = decodeCursor(f.cursor, SORT);
    add("(c.started_at < ? OR (c.started_at = ? AND c.id < ?))", cursor.value, cursor.value, cursor.id);
  }
  const { results } = await env.DB.prepare(
    `SELECT ${CALL_COLUMNS} ${CALL_FROM} WHERE ${where.join(" AND ")} ORDER BY c.started_at DESC, c.id DESC LIMIT ?`,
  )
    .bind(...args, f.limit + 1)
    .all<CallRowView>();
  const items = results.slice(0, f.limit);
  const last = items.at(-1);
  return { items, nextCursor: results.length > f.limit && last ? encodeCursor({ sort: SORT, value: last.startedAt, id: last.id }) : null };
}

import type { Env } from "./env";
import { database, tables } from "./db/client";
import { newId } from "./lib/ids";

export interface AuditEntry {
  tenantId: string | null;
  actorId: string | null;
  action: string;
  target?: string;
  data?: Record<string, unknown>;
  requestId?: string;
}

/** The statement that records one audit entry, so callers can put it in their own batch. */
export function auditStatement(env: Env, entry: AuditEntry) {
  return database(env.DB)
    .insert(tables.auditLog)
    .values({
      id: newId("aud"),
      tenantId: entry.tenantId,
      actorId: entry.actorId,
      action: entry.action,
      target: entry.target ?? null,
      data: entry.data ?? null,
      requestId: entry.requestId ?? null,
      createdAt: Date.now(),
    });
}

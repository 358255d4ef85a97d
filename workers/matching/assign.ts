import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";

const { assignments, pros } = tables;

export type AssignmentRow = typeof assignments.$inferSelect;

/** The lead's active assignment, if any. */
export async function activeAssignment(env: Env, tenantId: string, leadId: string): Promise<AssignmentRow | undefined> {
  return database(env.DB).query.assignments.findFirst({
    where: and(eq(assignments.tenantId, tenantId), eq(assignments.leadId, leadId), eq(assignments.status, "active")),
  });
}

/**
 * Routes a lead to a pro in one batch: the previous active assignment (if any) is released,
 * the new one stored with its reason, and the pro's last-assignment time moved on.
 */
export async function assignLead(
  env: Env,
  input: { tenantId: string; leadId: string; proId: string; reason: string; now: number },
): Promise<AssignmentRow> {
  const db = database(env.DB);
  const row: AssignmentRow = {
    id: newId("asg", input.now),
    tenantId: input.tenantId,
    leadId: input.leadId,
    proId: input.proId,
    reason: input.reason,
    status: "active",
    assignedAt: input.now,
    endedAt: null,
  };
  await db.batch([
    db
      .update(assignments)
      .set({ status: "released", endedAt: input.now })
      .where(and(eq(assignments.tenantId, input.tenantId), eq(assignments.leadId, input.leadId), eq(assignments.status, "active"))),
    db.insert(assignments).values(row),
    db
      .update(pros)
      .set({ lastAssignedAt: input.now })
      .where(and(eq(pros.tenantId, input.tenantId), eq(pros.id, input.proId))),
  ]);
  return row;
}

/** Ends the lead's active assignment: "done" when the job is finished, "released" when it is not going ahead. */
export async function endAssignment(env: Env, tenantId: string, leadId: string, status: "done" | "released", now: number): Promise<void> {
  await database(env.DB)
    .update(assignments)
    .set({ status, endedAt: now })
    .where(and(eq(assignments.tenantId, tenantId), eq(assignments.leadId, leadId), eq(assignments.status, "active")));
}

import { and, eq, sql } from "drizzle-orm";
import type { AuthContext, Env, TenantRole } from "../env";
import { database, tables } from "../db/client";
import { badRequest, forbidden, notFound } from "../http/problem";
import { auditStatement } from "../audit";
import { revokeAccess } from "../auth/revoke";

const { memberships, users, leads, leadEvents } = tables;

export async function listMembers(env: Env, tenantId: string) {
  const rows = await database(env.DB)
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(memberships.createdAt);
  return rows.map((r) => ({ ...r, joinedAt: new Date(r.joinedAt).toISOString() }));
}

/** Owners change roles; nobody changes their own, and a workspace always keeps an owner. */
export async function changeRole(env: Env, actor: AuthContext, userId: string, role: TenantRole, requestId: string) {
  if (actor.role !== "owner" && !actor.superadmin) throw forbidden("Only an owner can change roles.");
  if (userId === actor.userId) throw badRequest("You cannot change your own role.");
  const target = await membership(env, actor.tenantId, userId);
  const db = database(env.DB);
  await db.batch([
    db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.tenantId, actor.tenantId), eq(memberships.userId, userId))),
    auditStatement(env, {
      tenantId: actor.tenantId,
      actorId: actor.userId,
      action: "member.role_changed",
      target: userId,
      data: { from: target.role, to: role },
      requestId,
    }),
  ]);
  await revokeAccess(env, { tenantId: actor.tenantId, userId });
}

/** Admins remove agents; owners remove anyone but themselves. */
export async function removeMember(env: Env, actor: AuthContext, userId: string, requestId: string) {
  if (userId === actor.userId) throw badRequest("You cannot remove yourself.");
  const target = await membership(env, actor.tenantId, userId);
  if (target.role !== "agent" && actor.role !== "owner" && !actor.superadmin)
    throw forbidden("Only an owner can remove admins and owners.");
  const db = database(env.DB);
  const now = Date.now();
  await db.batch([
    // Their open leads go back to the unassigned pool, each with a timeline event.
    db.insert(leadEvents).select(
      db
        .select({
          id: sql<string>`'lev_' || lower(hex(randomblob(13)))`.as("id"),
          tenantId: leads.tenantId,
          leadId: leads.id,
          type: sql<string>`'lead.updated'`.as("type"),
          actorId: sql<string>`${actor.userId}`.as("actor_id"),
          actorName: sql<string>`(SELECT name FROM users WHERE id = ${actor.userId})`.as("actor_name"),
          data: sql<string>`json_object('changes', json_object('assigneeId', json_array(${leads.assigneeId}, NULL)), 'reason', 'member removed')`.as(
            "data",
          ),
          createdAt: sql<number>`${now}`.as("created_at"),
        })
        .from(leads)
        .where(and(eq(leads.tenantId, actor.tenantId), eq(leads.assigneeId, userId))),
    ),
    db
      .update(leads)
      .set({ assigneeId: null, updatedAt: now })
      .where(and(eq(leads.tenantId, actor.tenantId), eq(leads.assigneeId, userId))),
    db.delete(memberships).where(and(eq(memberships.tenantId, actor.tenantId), eq(memberships.userId, userId))),
    auditStatement(env, {
      tenantId: actor.tenantId,
      actorId: actor.userId,
      action: "member.removed",
      target: userId,
      data: { role: target.role },
      requestId,
    }),
  ]);
  await revokeAccess(env, { tenantId: actor.tenantId, userId });
}

async function membership(env: Env, tenantId: string, userId: string) {
  const row = await database(env.DB).query.memberships.findFirst({
    where: and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)),
  });
  if (!row) throw notFound("Member");
  return row;
}

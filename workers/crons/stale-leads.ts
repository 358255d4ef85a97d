import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { log } from "../http/log";
import { assignLead } from "../matching/assign";
import { findPro } from "../matching/find-pro";
import { notifyPro } from "../conversations/notify";

export const STALE_AFTER_MS = 30 * 60_000;
const BATCH = 100;

/**
 * Every 10 minutes: a lead from a conversation still `new` 30 minutes on — unassigned, or
 * assigned to a pro who has not moved it on — goes to the next best pro (the current one is
 * skipped), who is told. A fresh assignment is not stale, so a second run changes nothing.
 */
export async function reassignStaleLeads(env: Env, now = Date.now()): Promise<{ reassigned: number; unmatched: number }> {
  const { leads, assignments } = tables;
  const cutoff = now - STALE_AFTER_MS;
  const rows = await database(env.DB)
    .select({
      id: leads.id,
      tenantId: leads.tenantId,
      name: leads.name,
      phone: leads.phone,
      trade: leads.trade,
      postcode: leads.postcode,
      city: leads.city,
      lat: leads.lat,
      lng: leads.lng,
      address: leads.address,
      description: leads.description,
      proId: assignments.proId,
      assignedAt: assignments.assignedAt,
    })
    .from(leads)
    .leftJoin(
      assignments,
      and(eq(assignments.tenantId, leads.tenantId), eq(assignments.leadId, leads.id), eq(assignments.status, "active")),
    )
    .where(
      and(
        eq(leads.status, "new"),
        inArray(leads.source, ["whatsapp", "sms", "voice"]),
        isNotNull(leads.trade),
        lt(leads.createdAt, cutoff),
        sql`(${assignments.id} IS NULL OR ${assignments.assignedAt} < ${cutoff})`,
      ),
    )
    .limit(BATCH);
  let reassigned = 0;
  for (const lead of rows) {
    const match = await findPro(
      env,
      lead.tenantId,
      { trade: lead.trade!, postcode: lead.postcode, city: lead.city, lat: lead.lat, lng: lead.lng },
      now,
      { exclude: lead.proId ? [lead.proId] : [] },
    );
    if (!match.ok) continue;
    const prefix = lead.proId ? "Reassigned: not picked up within 30 min." : "Assigned by the safety net: unassigned for 30 min.";
    const assignment = await assignLead(env, {
      tenantId: lead.tenantId,
      leadId: lead.id,
      proId: match.profile.pro.id,
      reason: `${prefix} ${match.reason}`,
      now,
    });
    await notifyPro(
      env,
      lead.tenantId,
      match.profile.pro.id,
      `New job for you: ${lead.trade} for ${lead.name}${lead.address ? ` at ${lead.address}` : ""}. Call ${lead.phone ?? "the customer"}.${lead.description ? ` "${lead.description.slice(0, 160)}"` : ""}`,
      `assign:${assignment.id}`,
    );
    reassigned++;
  }
  const result = { reassigned, unmatched: rows.length - reassigned };
  log("info", "stale leads", result);
  return result;
}

import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client";
import { tables } from "../db/client";
import { newId } from "../lib/ids";
import type { LeadView } from "./model";
import type { ScoreFactor } from "./scoring";

export const { leads, leadTags, leadEvents } = tables;
export type LeadRow = typeof leads.$inferSelect;

/** D1 allows 100 bound parameters per statement; IN-lists are chunked below that. */
export const PARAM_CHUNK = 90;

export function toView(row: LeadRow): LeadView {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    address: row.address,
    city: row.city,
    postcode: row.postcode,
    lat: row.lat,
    lng: row.lng,
    trade: row.trade,
    description: row.description,
    source: row.source as LeadView["source"],
    status: row.status as LeadView["status"],
    score: row.score,
    scoreFactors: row.scoreFactors as ScoreFactor[],
    hot: row.hot,
    assigneeId: row.assigneeId,
    tags: row.tags,
    notes: row.notes,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export interface Actor {
  id: string | null;
  name: string | null;
}

export function eventStatement(
  db: Database,
  tenantId: string,
  leadId: string,
  type: string,
  actor: Actor,
  data: Record<string, unknown> | null,
  at: number,
) {
  return db
    .insert(leadEvents)
    .values({ id: newId("lev", at), tenantId, leadId, type, actorId: actor.id, actorName: actor.name, data, createdAt: at });
}

/** Replaces a lead's tag index rows (the JSON column on the lead is the display copy). */
export function tagStatements(db: Database, tenantId: string, leadId: string, tags: string[], replace: boolean) {
  const statements = [];
  if (replace) statements.push(db.delete(leadTags).where(and(eq(leadTags.tenantId, tenantId), eq(leadTags.leadId, leadId))));
  if (tags.length)
    statements.push(
      db
        .insert(leadTags)
        .values(tags.map((tag) => ({ tenantId, leadId, tag })))
        .onConflictDoNothing(),
    );
  return statements;
}

export async function loadByIds(db: Database, tenantId: string, ids: string[]): Promise<LeadRow[]> {
  const rows: LeadRow[] = [];
  for (let i = 0; i < ids.length; i += PARAM_CHUNK) {
    rows.push(
      ...(await db
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, tenantId), inArray(leads.id, ids.slice(i, i + PARAM_CHUNK))))),
    );
  }
  return rows;
}

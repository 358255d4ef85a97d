import { and, eq } from "drizzle-orm";
import type { Env } from "../env";
import { database, tables } from "../db/client";
import { newId } from "../lib/ids";
import { badRequest, conflict, notFound } from "../http/problem";
import { auditStatement } from "../audit";
import type { LeadCreateInput, LeadPatchInput, LeadStatus } from "./model";
import { toE164 } from "./phone";
import { scoreLead } from "./scoring";
import { eventStatement, leads, loadByIds, tagStatements, toView, type Actor, type LeadRow } from "./rows";
import { leadReader } from "./repository";
import { publishLeadChanges } from "./domain-events";

export interface TenantRef {
  id: string;
  country: string;
}

const TRACKED: (keyof LeadRow)[] = [
  "name",
  "phone",
  "email",
  "address",
  "city",
  "postcode",
  "lat",
  "lng",
  "trade",
  "description",
  "source",
  "status",
  "assigneeId",
  "tags",
  "notes",
];

/** Write side of the leads CRM: every change is re-scored and writes a timeline event with its actor. */
export function leadWriter(env: Env, tenant: TenantRef, actor: Actor) {
  const db = database(env.DB);
  const reader = leadReader(env, tenant.id, tenant.country);

  function normalizePhone(raw: string | null | undefined): string | null {
    if (!raw) return null;
    const e164 = toE164(raw, tenant.country);
    if (!e164)
      throw badRequest(`“${raw}” is not a valid phone number. Include the country code, e.g. +1 512 555 0100.`, {
        errors: [{ field: "phone", message: "Invalid phone number." }],
      });
    return e164;
  }

  async function assertAssignee(assigneeId: string | null | undefined): Promise<void> {
    if (!assigneeId) return;
    const member = await db.query.memberships.findFirst({
      where: and(eq(tables.memberships.tenantId, tenant.id), eq(tables.memberships.userId, assigneeId)),
      columns: { userId: true },
    });
    if (!member)
      throw badRequest("The assignee is not a member of this workspace.", {
        errors: [{ field: "assigneeId", message: "Unknown member." }],
      });
  }

  /** Builds a full row from input, with its score. Throws a 400 for a bad phone. */
  function buildRow(input: LeadCreateInput, now: number, id = newId("lead", now)): LeadRow {
    const base = {
      id,
      tenantId: tenant.id,
      name: input.name,
      phone: normalizePhone(input.phone),
      email: input.email ?? null,
      address: input.address ?? null,
      city: input.city ?? null,
      postcode: input.postcode ?? null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      trade: input.trade ?? null,
      description: input.description ?? null,
      source: input.source,
      status: input.status,
      assigneeId: input.assigneeId ?? null,
      tags: [...new Set(input.tags)],
      notes: input.notes ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const { score, hot, factors } = scoreLead(base);
    return { ...base, score, hot, scoreFactors: factors };
  }

  function rescored(row: LeadRow): LeadRow {
    const { score, hot, factors } = scoreLead({
      ...row,
      source: row.source as LeadCreateInput["source"],
      status: row.status as LeadStatus,
    });
    return { ...row, score, hot, scoreFactors: factors };
  }

  function updateStatement(row: LeadRow) {
    const { id, tenantId, createdAt, ...values } = row;
    return db
      .update(leads)
      .set(values)
      .where(and(eq(leads.tenantId, tenantId), eq(leads.id, id)));
  }

  return {
    buildRow,
    normalizePhone,

    async create(input: LeadCreateInput, options: { allowDuplicate?: boolean } = {}) {
      const now = Date.now();
      const row = buildRow(input, now);
      await assertAssignee(row.assigneeId);
      if (!options.allowDuplicate) {
        const duplicates = await reader.duplicatesOf(row.phone, row.email);
        if (duplicates.length) throw conflict("A lead with this phone or email already exists.", { duplicates });
      }
      await db.batch([
        db.insert(leads).values(row),
        ...tagStatements(db, tenant.id, row.id, row.tags, false),
        eventStatement(db, tenant.id, row.id, "lead.created", actor, { source: row.source, score: row.score }, now),
      ]);
      await publishLeadChanges(env, tenant.id, actor, [{ before: null, after: row }], now);
      return toView(row);
    },

    async update(id: string, patch: LeadPatchInput) {
      const existing = await reader.get(id);
      if (!existing) throw notFound("Lead");
      if ("assigneeId" in patch) await assertAssignee(patch.assigneeId);
      const now = Date.now();
      const next = rescored({
        ...existing,
        ...patch,
        phone: "phone" in patch ? normalizePhone(patch.phone) : existing.phone,
        tags: patch.tags ? [...new Set(patch.tags)] : existing.tags,
        updatedAt: now,
      } as LeadRow);
      const changes = diff(existing, next);
      if (!Object.keys(changes).length) return toView(existing);
      if (changes.phone || changes.email) {
        const duplicates = await reader.duplicatesOf(changes.phone ? next.phone : null, changes.email ? next.email : null, id);
        if (duplicates.length) throw conflict("Another lead already has this phone or email.", { duplicates });
      }
      await db.batch([
        updateStatement(next),
        ...(changes.tags ? tagStatements(db, tenant.id, id, next.tags, true) : []),
        eventStatement(db, tenant.id, id, "lead.updated", actor, { changes, score: next.score }, now),
      ]);
      await publishLeadChanges(env, tenant.id, actor, [{ before: existing, after: next }], now);
      return toView(next);
    },

    async remove(id: string, requestId: string) {
      const existing = await reader.get(id);
      if (!existing) throw notFound("Lead");
      await db.batch([
        db.delete(leads).where(and(eq(leads.tenantId, tenant.id), eq(leads.id, id))),
        auditStatement(env, {
          tenantId: tenant.id,
          actorId: actor.id,
          action: "lead.deleted",
          target: id,
          requestId,
          data: { name: existing.name },
        }),
      ]);
      return existing;
    },

    /** All-or-nothing: one D1 batch for every lead; unknown ids abort it before anything is written. */
    async bulkUpdate(ids: string[], set: { status?: LeadStatus; assigneeId?: string | null; addTags?: string[]; removeTags?: string[] }) {
      const unique = [...new Set(ids)];
      const rows = await loadByIds(db, tenant.id, unique);
      if (rows.length !== unique.length) {
        const found = new Set(rows.map((r) => r.id));
        throw notFound(
          `Leads ${unique
            .filter((id) => !found.has(id))
            .slice(0, 10)
            .join(", ")}`,
        );
      }
      if ("assigneeId" in set) await assertAssignee(set.assigneeId);
      const now = Date.now();
      const statements = [];
      const written: { before: LeadRow; after: LeadRow }[] = [];
      for (const row of rows) {
        const tags = new Set(row.tags);
        set.addTags?.forEach((t) => tags.add(t));
        set.removeTags?.forEach((t) => tags.delete(t));
        const next = rescored({
          ...row,
          status: set.status ?? row.status,
          assigneeId: "assigneeId" in set ? (set.assigneeId ?? null) : row.assigneeId,
          tags: [...tags],
          updatedAt: now,
        });
        const changes = diff(row, next);
        if (!Object.keys(changes).length) continue;
        written.push({ before: row, after: next });
        statements.push(
          updateStatement(next),
          eventStatement(db, tenant.id, row.id, "lead.updated", actor, { changes, score: next.score, bulk: true }, now),
        );
        if (changes.tags) statements.push(...tagStatements(db, tenant.id, row.id, next.tags, true));
      }
      const [first, ...rest] = statements;
      if (first) await db.batch([first, ...rest]);
      await publishLeadChanges(env, tenant.id, actor, written, now);
      return { updated: written.length, unchanged: rows.length - written.length };
    },
  };
}

function diff(before: LeadRow, after: LeadRow): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of TRACKED) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = [before[key], after[key]];
  }
  return changes;
}

import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Env } from "../env";
import { database } from "../db/client";
import { leads, PARAM_CHUNK, type LeadRow } from "../leads/rows";
import { houseNumber, normalizeStreetAddress } from "./street-address";

export interface LeadCandidate {
  /** E.164, already normalized. */
  phone: string | null;
  address: string;
}

/**
 * The workspace's existing lead for each candidate, or null: the same street address once
 * normalized ("12 Oak Drive" = "12 oak dr."), else a lead with the same phone and no address yet
 * (a caller who never said where). A phone alone never joins two addresses: one owner's two
 * roofs are two jobs. Two reads for a whole batch: phones through their index, addresses
 * narrowed by house number in the full-text index and compared exactly here.
 */
export async function findMatchingLeads(env: Env, tenantId: string, candidates: LeadCandidate[]): Promise<(LeadRow | null)[]> {
  const db = database(env.DB);
  const scope = eq(leads.tenantId, tenantId);
  const phones = [...new Set(candidates.map((c) => c.phone).filter((p): p is string => !!p))];
  const streets = candidates.map((c) => normalizeStreetAddress(c.address));
  const numbers = [...new Set(streets.map((s) => (s ? houseNumber(s) : null)).filter((n): n is string => !!n))];

  const byPhone = new Map<string, LeadRow>();
  for (let i = 0; i < phones.length; i += PARAM_CHUNK) {
    const rows = await db
      .select()
      .from(leads)
      .where(and(scope, inArray(leads.phone, phones.slice(i, i + PARAM_CHUNK))))
      .orderBy(asc(leads.createdAt));
    for (const row of rows) if (!row.address?.trim() && !byPhone.has(row.phone!)) byPhone.set(row.phone!, row);
  }

  const byStreet = new Map<string, LeadRow>();
  if (numbers.length) {
    // Numbers are digits and letters only (normalized), so quoting makes each a literal term.
    const match = numbers.map((n) => `address : "${n}"`).join(" OR ");
    const rows = await db
      .select()
      .from(leads)
      .where(and(scope, sql`${leads}.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ${match})`))
      .orderBy(asc(leads.createdAt));
    for (const row of rows) {
      const street = normalizeStreetAddress(row.address);
      if (street && !byStreet.has(street)) byStreet.set(street, row);
    }
  }

  return candidates.map(
    (c, i) => (streets[i] ? byStreet.get(streets[i]!) : undefined) ?? (c.phone ? byPhone.get(c.phone) : undefined) ?? null,
  );
}

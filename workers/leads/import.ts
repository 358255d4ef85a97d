import { and, eq, inArray, or } from "drizzle-orm";
import type { Env } from "../env";
import { database } from "../db/client";
import { CsvError, parseCsv, undefuseCell } from "../lib/csv";
import { badRequest, Problem, unprocessable } from "../http/problem";
import { IMPORT_COLUMNS } from "./csv-columns";
import { LeadCreate } from "./model";
import { leadWriter, type TenantRef } from "./mutations";
import { eventStatement, leads, PARAM_CHUNK, tagStatements, type Actor, type LeadRow } from "./rows";

export const MAX_IMPORT_ROWS = 10_000;

export interface ImportOptions {
  /** all-or-nothing: any invalid row imports nothing. skip-invalid: import the valid rows. */
  mode: "all-or-nothing" | "skip-invalid";
  /** skip: rows whose phone/email already exists (in the tenant or earlier in the file) are reported and left out. */
  duplicates: "skip" | "import";
}

export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** Validates every row (reporting each error with its row number), then writes in one atomic batch. */
export async function importCsv(env: Env, tenant: TenantRef, actor: Actor, text: string, options: ImportOptions) {
  const table = parse(text);
  const [header, ...body] = table;
  if (!header) throw badRequest("The file is empty. The first line must name the columns, e.g. name,phone,email.");
  const columns = header.map((h) => h.trim());
  if (!columns.includes("name")) throw badRequest(`The header has no “name” column. Known columns: ${IMPORT_COLUMNS.join(", ")}.`);
  if (body.length > MAX_IMPORT_ROWS)
    throw new Problem(413, "Content Too Large", `At most ${MAX_IMPORT_ROWS} rows per import; this file has ${body.length}. Split it.`);

  const writer = leadWriter(env, tenant, actor);
  const errors: RowError[] = [];
  const valid: { row: number; lead: LeadRow }[] = [];
  const now = Date.now();
  body.forEach((cells, index) => {
    const rowNumber = index + 2; // 1-based, after the header line
    const record: Record<string, unknown> = { source: "import" };
    columns.forEach((column, i) => {
      const value = cells[i] === undefined ? undefined : undefuseCell(cells[i]!.trim());
      if (!value || !(IMPORT_COLUMNS as readonly string[]).includes(column)) return;
      record[column] =
        column === "lat" || column === "lng"
          ? Number(value)
          : column === "tags"
            ? value
                .split(/[;|]/)
                .map((t) => t.trim())
                .filter(Boolean)
            : value;
    });
    const parsed = LeadCreate.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ row: rowNumber, field: issue.path.join(".") || "row", message: issue.message });
      return;
    }
    try {
      valid.push({ row: rowNumber, lead: writer.buildRow(parsed.data, now + index) });
    } catch (err) {
      if (!(err instanceof Problem)) throw err;
      errors.push({ row: rowNumber, field: "phone", message: err.detail ?? err.title });
    }
  });
  if (errors.length && options.mode === "all-or-nothing") {
    throw unprocessable(
      `${errors.length} problem${errors.length > 1 ? "s" : ""} in the file; nothing was imported. Fix the rows listed in “errors”, or import with mode=skip-invalid.`,
      { errors: errors.slice(0, 1000), imported: 0 },
    );
  }

  const duplicates = options.duplicates === "skip" ? await findDuplicates(env, tenant.id, valid) : [];
  const skippedRows = new Set(duplicates.map((d) => d.row));
  const toInsert = valid.filter((v) => !skippedRows.has(v.row));
  const db = database(env.DB);
  const statements = toInsert.flatMap(({ lead }) => [
    db.insert(leads).values(lead),
    ...tagStatements(db, tenant.id, lead.id, lead.tags, false),
    eventStatement(db, tenant.id, lead.id, "lead.created", actor, { source: "import", score: lead.score }, lead.createdAt),
  ]);
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  return { imported: toInsert.length, skipped: duplicates.length + (body.length - valid.length), errors, duplicates };
}

function parse(text: string): string[][] {
  try {
    return parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) throw badRequest(`The CSV could not be read: ${err.message}`);
    throw err;
  }
}

/** Rows whose phone or email matches an existing lead in the tenant, or an earlier row of the file. */
async function findDuplicates(env: Env, tenantId: string, rows: { row: number; lead: LeadRow }[]) {
  const db = database(env.DB);
  const existing = new Map<string, string>();
  const keys = [...new Set(rows.flatMap(({ lead }) => [lead.phone, lead.email].filter((v): v is string => !!v)))];
  const half = Math.floor(PARAM_CHUNK / 2);
  for (let i = 0; i < keys.length; i += half) {
    const chunk = keys.slice(i, i + half);
    const found = await db
      .select({ id: leads.id, phone: leads.phone, email: leads.email })
      .from(leads)
      .where(and(eq(leads.tenantId, tenantId), or(inArray(leads.phone, chunk), inArray(leads.email, chunk))));
    for (const f of found) {
      if (f.phone) existing.set(f.phone, f.id);
      if (f.email) existing.set(f.email, f.id);
    }
  }
  const seenInFile = new Map<string, number>();
  const duplicates: { row: number; leadId?: string; duplicateOfRow?: number; match: string }[] = [];
  for (const { row, lead } of rows) {
    const contact = [lead.phone, lead.email].filter((v): v is string => !!v);
    const inTenant = contact.find((c) => existing.has(c));
    const inFile = contact.find((c) => seenInFile.has(c));
    if (inTenant) duplicates.push({ row, leadId: existing.get(inTenant), match: inTenant });
    else if (inFile) duplicates.push({ row, duplicateOfRow: seenInFile.get(inFile), match: inFile });
    else contact.forEach((c) => seenInFile.set(c, row));
  }
  return duplicates;
}

import type { LeadRow } from "./rows";

/** Columns of the export; the import reads the same names (extra columns are ignored). */
export const EXPORT_COLUMNS = [
  "id",
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
  "score",
  "hot",
  "assigneeId",
  "tags",
  "notes",
  "createdAt",
  "updatedAt",
] as const;
export const IMPORT_COLUMNS = [
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
  "tags",
  "notes",
] as const;

export function exportCells(row: LeadRow) {
  return EXPORT_COLUMNS.map((column) => {
    if (column === "tags") return row.tags.join(";");
    if (column === "createdAt" || column === "updatedAt") return new Date(row[column]).toISOString();
    return row[column];
  });
}

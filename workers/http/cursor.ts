import { badRequest } from "./problem";

/** Keyset cursor: the last row's sort value and id, opaque to clients (base64url JSON). */
export interface Cursor {
  sort: string;
  value: string | number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify([cursor.sort, cursor.value, cursor.id]))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export function decodeCursor(raw: string, sort: string): Cursor {
  const fail = () => badRequest("The cursor is invalid or belongs to another sort order. Start again without a cursor.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(raw.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    throw fail();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw fail();
  const [cursorSort, value, id] = parsed as unknown[];
  if (cursorSort !== sort || typeof id !== "string" || (typeof value !== "string" && typeof value !== "number")) throw fail();
  return { sort, value, id };
}

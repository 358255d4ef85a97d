/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends, a leading BOM ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw new CsvError("A quoted field is never closed.");
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}

export class CsvError extends Error {}

type Cell = string | number | boolean | null | undefined;

// OWASP's CSV injection list: a spreadsheet may run a cell that starts with one of these.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV line. A text cell that a spreadsheet could run as a formula gets a leading apostrophe
 * and is quoted, as OWASP describes (so `+15125550100` is written `"'+15125550100"`); numbers we
 * produce ourselves (a negative amount) stay numbers. `undefuseCell` reverses it on import.
 */
export function csvLine(values: Cell[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  if (FORMULA_START.test(value)) return `"'${value.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A cell read back from one of our exports: the apostrophe that defused it is dropped. */
export function undefuseCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/**
 * A CSV download read page by page: each pull reads one page, so memory stays flat whatever
 * the size and a slow client slows the reads (backpressure).
 */
export function pagedCsv<C>(
  header: readonly string[],
  readPage: (cursor: C | undefined) => Promise<{ rows: Cell[][]; nextCursor: C | null }>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: C | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvLine([...header])));
        }
        const { rows, nextCursor } = await readPage(cursor);
        controller.enqueue(encoder.encode(rows.map(csvLine).join("")));
        if (nextCursor === null) controller.close();
        else cursor = nextCursor;
      },
    },
    { highWaterMark: 1 },
  );
}

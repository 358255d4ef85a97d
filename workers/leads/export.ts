import { csvLine } from "../lib/csv";
import { EXPORT_COLUMNS, exportCells } from "./csv-columns";
import type { LeadFiltersInput } from "./list-query";
import type { LeadReader } from "./repository";

const PAGE = 500;

/**
 * Streams matching leads as CSV. Each pull reads one keyset page, so memory stays flat
 * whatever the number of leads, and a slow client slows the reads (backpressure).
 */
export function exportCsv(reader: LeadReader, filters: LeadFiltersInput): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | null | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvLine([...EXPORT_COLUMNS])));
        }
        const { rows, nextCursor } = await reader.page(filters, PAGE, cursor ?? undefined);
        controller.enqueue(encoder.encode(rows.map((row) => csvLine(exportCells(row))).join("")));
        cursor = nextCursor;
        if (!nextCursor) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

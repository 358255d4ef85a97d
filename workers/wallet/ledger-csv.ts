import { csvLine } from "../lib/csv";
import type { EntryView } from "./views";

const PAGE = 500;
const COLUMNS = [
  "id",
  "created_at",
  "type",
  "channel",
  "quantity",
  "credits",
  "balance_after",
  "reference",
  "actor_id",
  "hold_id",
  "note",
] as const;

type Page = { items: EntryView[]; nextCursor: number | null };

const note = (data: EntryView["data"]) =>
  data ? String(data.reason ?? (data.uncovered ? `uncovered ${data.uncovered}` : data.expired ? "expired" : "")) : "";

/** Streams ledger pages as CSV, newest first; one Wallet DO page per pull keeps memory flat. */
export function ledgerCsv(readPage: (before: number | undefined, limit: number) => Promise<Page>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: number | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvLine([...COLUMNS])));
        }
        const { items, nextCursor } = await readPage(cursor, PAGE);
        const lines = items.map((e) =>
          csvLine([
            e.id,
            new Date(e.createdAt).toISOString(),
            e.type,
            e.channel,
            e.quantity,
            e.credits,
            e.balanceAfter,
            e.reference,
            e.actorId,
            e.holdId,
            note(e.data),
          ]),
        );
        controller.enqueue(encoder.encode(lines.join("")));
        if (nextCursor === null) controller.close();
        else cursor = nextCursor;
      },
    },
    { highWaterMark: 1 },
  );
}
